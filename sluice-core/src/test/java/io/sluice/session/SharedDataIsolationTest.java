package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.lease.LeaseRefusedException;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunHandle;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent runs never see each other's data: runs sharing a persisted, unversioned dataset
 * that one of them writes take turns on it.
 */
class SharedDataIsolationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One row of the intermediate CSV. */
    public record Row(int id, int value) {
    }

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;

    @TempDir
    Path dir;
    private final List<Session> sessions = new ArrayList<>();

    static List<Row> stamp(int id) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new Row(id, i));
        }
        return rows;
    }

    static String report(List<Row> rows) {
        int id = rows.get(0).id();
        for (Row r : rows) {
            if (r.id() != id) {
                return "mixed";
            }
        }
        return "report of " + id + " (" + rows.size() + " rows)";
    }

    static List<Row> stampAndWait(int id) throws InterruptedException {
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return stamp(id);
    }

    @BeforeEach
    void latches() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @AfterEach
    void close() {
        release.countDown();
        sessions.forEach(Session::close);
    }

    private Session session(Pipeline p, SessionOptions.SharedData policy) {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                mid:
                  type: csv
                  filepath: data/02_intermediate/mid.csv
                """));
        Session s = Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of()).withSharedData(policy));
        sessions.add(s);
        return s;
    }

    private static Pipeline writeThenRead() {
        return Pipeline.of(
                node(SharedDataIsolationTest::stamp).inputs("id").outputs("mid").name("stamp"),
                node(SharedDataIsolationTest::report).inputs("mid").outputs("report").name("report"));
    }

    @Test
    void eightThreadsWritingAndReadingOnePersistedCsvEachGetTheirOwnReport() throws Exception {
        Session session = session(writeThenRead(), SessionOptions.SharedData.WAIT);
        RunSpec spec = RunSpec.builder().journal(false).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger mismatches = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        int id = thread * 1000 + i;
                        Object report = session.run(spec, Injected.input("id", id)).outputs().get("report");
                        if (!("report of " + id + " (20 rows)").equals(report)) {
                            mismatches.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mismatches.get()).as("runs whose report was built from another run's data").isZero();
        assertThat(io.sluice.lease.LeasesProbe.inUse()).as("every lease was released").isZero();
    }

    @Test
    void aRunThatMustWaitForSharedDataIsRefusedAtOnceWhenTheSessionSaysSo() throws Exception {
        Pipeline slowWriter = Pipeline.of(
                node(SharedDataIsolationTest::stampAndWait).inputs("id").outputs("mid").name("stamp"),
                node(SharedDataIsolationTest::report).inputs("mid").outputs("report").name("report"));
        Session writer = session(slowWriter, SessionOptions.SharedData.REFUSE);
        RunHandle holding = writer.start(RunSpec.builder().runId("r-writer").journal(false).build(),
                Injected.input("id", 1));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Pipeline reader = Pipeline.of(node(SharedDataIsolationTest::report).inputs("mid").outputs("report")
                .name("report"));
        Session other = session(reader, SessionOptions.SharedData.REFUSE);
        assertThatThrownBy(() -> other.run(RunSpec.builder().runId("r-reader").journal(false).build()))
                .isInstanceOf(LeaseRefusedException.class)
                .hasMessageContaining("dataset 'mid' (data/02_intermediate/mid.csv) is being written by run(s) "
                        + "[r-writer] of this process, so run r-reader was refused (the session refuses instead of waiting).");

        release.countDown();
        assertThat(holding.await(WAIT).outputs()).containsEntry("report", "report of 1 (20 rows)");
        assertThat(other.run(RunSpec.builder().journal(false).build()).outputs())
                .as("once the writer is done the reader runs").containsEntry("report", "report of 1 (20 rows)");
    }

    @Test
    void aReaderInAnotherSessionOfTheProcessWaitsForTheWriterAndReadsWhatItWrote() throws Exception {
        Pipeline slowWriter = Pipeline.of(
                node(SharedDataIsolationTest::stampAndWait).inputs("id").outputs("mid").name("stamp"));
        Session writer = session(slowWriter, SessionOptions.SharedData.WAIT);
        release.countDown();
        writer.run(RunSpec.builder().journal(false).build(), Injected.input("id", 0)); // an older version on disk
        latches();
        RunHandle writing = writer.start(RunSpec.builder().journal(false).build(), Injected.input("id", 7));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Session readerSession = session(Pipeline.of(node(SharedDataIsolationTest::report).inputs("mid")
                .outputs("report").name("report")), SessionOptions.SharedData.WAIT);
        RunHandle reading = readerSession.start(RunSpec.builder().journal(false).build());
        Thread.sleep(200);
        assertThat(reading.state()).as("the reader waits while the writer holds the data")
                .isEqualTo(io.sluice.run.RunState.RUNNING);

        release.countDown();
        writing.await(WAIT);
        assertThat(reading.await(WAIT).outputs()).containsEntry("report", "report of 7 (20 rows)");
    }

    static int leasesNow(List<Row> rows) {
        return io.sluice.lease.LeasesProbe.inUse();
    }

    @Test
    void aRunInMemoryTakesNoLeaseWhileARunOfPersistedDataHoldsOne() {
        Pipeline inMemory = Pipeline.of(node(SharedDataIsolationTest::stamp).inputs("id").outputs("rows").name("stamp"),
                node(SharedDataIsolationTest::leasesNow).inputs("rows").outputs("leases").name("count"));
        Session memory = session(inMemory, SessionOptions.SharedData.WAIT);
        assertThat(memory.run(RunSpec.builder().journal(false).build(), Injected.input("id", 3)).outputs())
                .containsEntry("leases", 0);
        assertThat(dir.resolve("data/02_intermediate/.mid.csv.lock")).doesNotExist();

        Pipeline persisted = Pipeline.of(node(SharedDataIsolationTest::stamp).inputs("id").outputs("mid").name("stamp"),
                node(SharedDataIsolationTest::leasesNow).inputs("mid").outputs("leases").name("count"));
        Session files = session(persisted, SessionOptions.SharedData.WAIT);
        assertThat(files.run(RunSpec.builder().journal(false).build(), Injected.input("id", 3)).outputs())
                .containsEntry("leases", 1);
        assertThat(dir.resolve("data/02_intermediate/.mid.csv.lock")).exists();
        assertThat(io.sluice.lease.LeasesProbe.inUse()).isZero();
    }

    /**
     * Overlapping pipelines over five persisted datasets, each run reading some and writing
     * others, run from six threads in a seeded random mix: every run ends (no deadlock) and every
     * run reads back exactly what it wrote.
     */
    @Test
    void aSeededMixOfOverlappingPipelinesNeverDeadlocksAndEveryRunReadsItsOwnWrites() throws Exception {
        StringBuilder catalog = new StringBuilder();
        for (int d = 0; d < 5; d++) {
            catalog.append("d").append(d).append(":\n  type: json\n  filepath: data/d").append(d).append(".json\n");
        }
        TestProject.write(dir, Map.of("conf/base/catalog.yml", catalog.toString()));
        Random random = new Random(20261205);
        Map<String, Pipeline> pipelines = new java.util.TreeMap<>();
        for (int p = 0; p < 12; p++) {
            int written = random.nextInt(5);
            int read = (written + 1 + random.nextInt(4)) % 5;
            List<Node> nodes = new ArrayList<>();
            nodes.add(node(SharedDataIsolationTest::tag).inputs("token").outputs("d" + written).name("write_" + p));
            nodes.add(node(SharedDataIsolationTest::check).inputs("token", "d" + written, "d" + read)
                    .outputs("ok").name("check_" + p));
            pipelines.put("p" + p, Pipeline.of(nodes.toArray(Node[]::new)));
        }
        pipelines.put(Project.DEFAULT_PIPELINE, pipelines.get("p0")); // the union would have two writers of a dataset
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        for (int d = 0; d < 5; d++) {
            java.nio.file.Files.writeString(dir.resolve("data/d" + d + ".json"), "\"seed\"");
        }
        Project project = new TestProject(pipelines, List.of());
        Session session = Session.compile(project, new SessionOptions(dir, "local", Map.of()));
        sessions.add(session);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Boolean>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 240; i++) {
                String pipeline = "p" + random.nextInt(12);
                String token = pipeline + "#" + i;
                runs.add(pool.submit(() -> (Boolean) session.run(RunSpec.builder(pipeline).journal(false).build(),
                        Injected.input("token", token)).outputs().get("ok")));
            }
            for (Future<Boolean> f : runs) {
                assertThat(f.get(60, TimeUnit.SECONDS)).as("the run read back what it wrote").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String tag(String token) {
        return token;
    }

    static boolean check(String token, String written, String other) {
        return token.equals(written) && other != null;
    }
}
