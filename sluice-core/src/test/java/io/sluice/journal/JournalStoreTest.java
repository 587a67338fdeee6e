package io.sluice.journal;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import io.sluice.SluiceException;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.NodeState;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal parts as runs write them and as the store reads them back, merged. */
class JournalStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    static volatile CountDownLatch entered;
    static volatile CountDownLatch release;
    static final AtomicBoolean FAIL = new AtomicBoolean();

    @TempDir
    Path dir;
    private final List<Session> sessions = new ArrayList<>();

    static int inc(int x) {
        return x + 1;
    }

    static int held(int x) throws InterruptedException {
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return x + 1;
    }

    static int maybeFail(int x) {
        if (FAIL.get()) {
            throw new IllegalStateException("failing on purpose");
        }
        return x + 1;
    }

    @BeforeEach
    void reset() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        FAIL.set(false);
    }

    @AfterEach
    void closeSessions() {
        release.countDown();
        sessions.forEach(Session::close);
    }

    private Session session(Map<String, Pipeline> pipelines) {
        Session s = JournalProject.session(dir, pipelines);
        sessions.add(s);
        return s;
    }

    private static Pipeline three() {
        return Pipeline.of(
                node(JournalStoreTest::inc).inputs("a").outputs("b").name("one"),
                node(JournalStoreTest::held).inputs("b").outputs("c").name("two"),
                node(JournalStoreTest::inc).inputs("c").outputs("d").name("three"));
    }

    /** {@code prefix_0 -> ... -> prefix_(n-1)}, a chain fed by the free input {@code prefix}. */
    private static Pipeline chain(String prefix, int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(node(JournalStoreTest::inc).inputs(i == 0 ? prefix : prefix + "_" + (i - 1))
                    .outputs(prefix + "_" + i).name(prefix + "_node_" + i));
        }
        return Pipeline.of(nodes.toArray(Node[]::new));
    }

    private RunJournal read(String runId) {
        return new JournalStore(dir).read(runId).orElseThrow();
    }

    private Path part(String runId, String group) {
        return dir.resolve(".sluice/runs/" + runId + "/" + group + ".jsonl");
    }

    @Test
    void aPartShowsEachNodeAsSoonAsItFinishesWhileTheRunIsGoing() throws Exception {
        Session session = session(Map.of("three", three()));
        RunHandle run = session.start(RunSpec.builder("three").runId("r-live").build(), Injected.input("a", 1));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        RunJournal during = read("r-live");

        assertThat(during.state()).isEqualTo(RunState.RUNNING);
        assertThat(during.finishedAt()).isNull();
        assertThat(during.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(tuple("one", NodeState.COMPLETED), tuple("two", NodeState.NOT_RUN),
                        tuple("three", NodeState.NOT_RUN));
        assertThat(during.nodes().get(0).startedAt()).isNotNull();
        assertThat(during.nodes().get(1).startedAt()).isNull();

        release.countDown();
        run.await(WAIT);
        RunJournal after = read("r-live");
        assertThat(after.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(after.finishedAt()).isNotNull();
        assertThat(after.nodes()).extracting(RunJournal.NodeRecord::state).containsOnly(NodeState.COMPLETED);
        assertThat(Files.readAllLines(part("r-live", "run"))).hasSize(5)
                .extracting(l -> l.replaceAll(".*\"event\":\"(\\w+)\".*", "$1"))
                .containsExactly("started", "node", "node", "node", "finished");
    }

    @Test
    void twoGroupsOfOneRunWrittenAtTheSameTimeByTwoSessionsMergeIntoOneView() throws Exception {
        int n = 60;
        Map<String, Pipeline> pipelines = Map.of("left", chain("left", n), "right", chain("right", n));
        Session first = session(pipelines);
        Session second = session(pipelines);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> left = threads.submit(() -> {
                together.await();
                return first.run(RunSpec.builder("left").runId("r-groups").group("left_node_0").build(),
                        Injected.input("left", 0));
            });
            Future<?> right = threads.submit(() -> {
                together.await();
                return second.run(RunSpec.builder("right").runId("r-groups").group("right_node_0").build(),
                        Injected.input("right", 0));
            });
            left.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            right.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        RunJournal journal = read("r-groups");

        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).extracting(RunJournal.Part::group).containsExactlyInAnyOrder("left_node_0", "right_node_0");
        assertThat(journal.nodes()).hasSize(2 * n).extracting(RunJournal.NodeRecord::state)
                .containsOnly(NodeState.COMPLETED);
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name)
                .contains("left_node_0", "left_node_" + (n - 1), "right_node_0", "right_node_" + (n - 1));
        assertThat(Files.readAllLines(part("r-groups", "left_node_0"))).hasSize(n + 2);
        assertThat(Files.readAllLines(part("r-groups", "right_node_0"))).hasSize(n + 2);
        assertThat(new JournalStore(dir).list()).extracting(RunJournal::runId).containsExactly("r-groups");
    }

    @Test
    void nodesOfAParallelRunReportingFromManyThreadsLoseNoLine() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nodes.add(node(JournalStoreTest::inc).inputs("x").outputs("y" + i).name("n" + i));
        }
        Session session = session(Map.of("wide", Pipeline.of(nodes.toArray(Node[]::new))));

        session.run(RunSpec.builder("wide").runId("r-wide").runner("parallel").maxWorkers(8).build(),
                Injected.input("x", 1));

        List<String> lines = Files.readAllLines(part("r-wide", "run"));
        assertThat(lines).hasSize(202);
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(read("r-wide").nodes()).hasSize(200).extracting(RunJournal.NodeRecord::state)
                .containsOnly(NodeState.COMPLETED);
    }

    @Test
    void aSecondRunOfTheSameRunIdAndGroupIsAttemptTwoAndTheViewShowsIt() throws Exception {
        Pipeline p = Pipeline.of(
                node(JournalStoreTest::inc).inputs("a").outputs("b").name("one"),
                node(JournalStoreTest::maybeFail).inputs("b").outputs("c").name("two"));
        Session session = session(Map.of("p", p));
        FAIL.set(true);
        assertThat(catchThrowable(() -> session.run(RunSpec.builder("p").runId("r-again").build(),
                Injected.input("a", 1)))).isInstanceOf(RunFailedException.class);
        assertThat(read("r-again").state()).isEqualTo(RunState.FAILED);
        assertThat(read("r-again").parts().get(0).attempt()).isEqualTo(1);

        FAIL.set(false);
        session.run(RunSpec.builder("p").runId("r-again").build(), Injected.input("a", 1));

        RunJournal journal = read("r-again");
        assertThat(journal.parts()).hasSize(1);
        assertThat(journal.parts().get(0).attempt()).isEqualTo(2);
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.error()).isNull();
        assertThat(journal.resume()).isNull();
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::state)
                .containsExactly(NodeState.COMPLETED, NodeState.COMPLETED);
        assertThat(Files.readString(part("r-again", "run"))).contains("\"attempt\":1", "\"attempt\":2");
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        release.countDown();
        session(Map.of("three", three())).run(RunSpec.builder("three").runId("r-torn").build(), Injected.input("a", 1));
        RunJournal before = read("r-torn");

        Files.writeString(part("r-torn", "run"), "{\"event\":\"node\",\"name\":\"thr", StandardOpenOption.APPEND);

        assertThat(read("r-torn")).isEqualTo(before);
    }

    @Test
    void aRunAfterATornLineStartsItsAttemptOnALineOfItsOwn() throws Exception {
        release.countDown();
        Session session = session(Map.of("three", three()));
        session.run(RunSpec.builder("three").runId("r-resumed").build(), Injected.input("a", 1));
        Files.writeString(part("r-resumed", "run"), "{\"event\":\"started\",\"attempt\":", StandardOpenOption.APPEND);

        session.run(RunSpec.builder("three").runId("r-resumed").build(), Injected.input("a", 1));

        RunJournal journal = read("r-resumed");
        assertThat(journal.parts().get(0).attempt()).as("the torn start is not an attempt").isEqualTo(2);
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(Files.readAllLines(part("r-resumed", "run"))).hasSize(10)
                .allSatisfy(l -> assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(l).has("event"))
                        .isTrue());
    }

    @Test
    void aMalformedLineInTheMiddleIsAnErrorNamingTheFileAndLine() throws Exception {
        release.countDown();
        session(Map.of("three", three())).run(RunSpec.builder("three").runId("r-bad").build(), Injected.input("a", 1));
        Path file = part("r-bad", "run");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).substring(0, 20));
        Files.write(file, lines);

        assertThatThrownBy(() -> new JournalStore(dir).read("r-bad"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Journal part " + file.toAbsolutePath() + ":3 is not valid JSON: ")
                .hasMessageEndingWith("The file was changed by something other than Sluice.");
    }

    @Test
    void anUnknownEventIsAnErrorNamingTheFileAndLine() throws Exception {
        release.countDown();
        session(Map.of("three", three())).run(RunSpec.builder("three").runId("r-new").build(), Injected.input("a", 1));
        Path file = part("r-new", "run");
        Files.writeString(file, "{\"event\":\"paused\"}\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> new JournalStore(dir).read("r-new"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Journal part " + file.toAbsolutePath() + ":6 has an unknown event 'paused'. It may have "
                        + "been written by a newer Sluice.");
    }

    @Test
    void aPartWithoutAnEndIsRunningWhileItsWriterLivesAndInterruptedWhenThePidWasReused() throws Exception {
        JournalStore store = new JournalStore(dir);
        JournalPart part = store.open(RunSpec.builder("etl").runId("r-open").build(), "sequential", "hash",
                Map.of("a", "ha"), List.of("a", "b"), Instant.parse("2026-01-01T00:00:00Z"));
        part.node(new RunJournal.NodeRecord("a", NodeState.COMPLETED, "2026-01-01T00:00:00.001Z", 1.5, null), Map.of());
        part.close();
        assertThat(store.read("r-open").orElseThrow().state()).as("this process wrote it and lives")
                .isEqualTo(RunState.RUNNING);
        assertThat(store.read("r-open").orElseThrow().parts().get(0).nodeHashes()).as("read back as written")
                .isEqualTo(Map.of("a", "ha"));

        // the same pid, but a process that started at another time: not the writer
        Path file = store.partFile("r-open", "run");
        Files.writeString(file, Files.readString(file).replaceFirst("\"process_started\":\"[^\"]*\"",
                "\"process_started\":\"2001-01-01T00:00:00Z\""));

        RunJournal journal = store.read("r-open").orElseThrow();
        long pid = ProcessHandle.current().pid();
        assertThat(journal.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(journal.finishedAt()).isNull();
        assertThat(journal.error()).isEqualTo("the process that ran it (pid " + pid + " on " + store.host()
                + ") ended before recording the end of the run");
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::state)
                .containsExactly(NodeState.COMPLETED, NodeState.NOT_RUN);
    }

    @Test
    void aSecondRunOfTheSameRunIdAndGroupWhileTheFirstIsGoingIsRefusedAndWritesNothing() throws Exception {
        Session first = session(Map.of("three", three()));
        RunHandle running = first.start(RunSpec.builder("three").runId("r-twice").build(), Injected.input("a", 1));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long linesBefore = Files.readAllLines(part("r-twice", "run")).size();

        Session second = session(Map.of("three", three()));
        assertThatThrownBy(() -> second.run(RunSpec.builder("three").runId("r-twice").build(), Injected.input("a", 1)))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Run r-twice is being run right now by another run")
                .hasMessageEndingWith("Give this run another run id, or wait until the other one ends.");
        assertThat(Files.readAllLines(part("r-twice", "run"))).as("the refused run wrote no line").hasSize(
                (int) linesBefore);
        // another group of the same run id is a part of its own: it may run meanwhile
        second.run(RunSpec.builder("three").runId("r-twice").group("one").toNodes("one").build(),
                Injected.input("a", 1));

        release.countDown();
        running.await(WAIT);
        RunJournal journal = read("r-twice");
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).extracting(RunJournal.Part::group).containsExactlyInAnyOrder("run", "one");
        // once the first has ended, the same run id and group may run again (attempt 2)
        second.run(RunSpec.builder("three").runId("r-twice").build(), Injected.input("a", 1));
        assertThat(read("r-twice").parts()).filteredOn(p -> p.group().equals("run"))
                .extracting(RunJournal.Part::attempt).containsExactly(2);
    }

    @Test
    void aDamagedJournalIsLeftOutOfTheListInsteadOfHidingEveryRun() throws Exception {
        release.countDown();
        Session session = session(Map.of("three", three()));
        session.run(RunSpec.builder("three").runId("r-good").build(), Injected.input("a", 1));
        session.run(RunSpec.builder("three").runId("r-damaged").build(), Injected.input("a", 1));
        Path damaged = part("r-damaged", "run");
        List<String> lines = new ArrayList<>(Files.readAllLines(damaged));
        lines.set(1, "{not json");
        Files.write(damaged, lines);

        assertThat(new JournalStore(dir).list()).extracting(RunJournal::runId).containsExactly("r-good");
        assertThatThrownBy(() -> new JournalStore(dir).read("r-damaged")).isInstanceOf(SluiceException.class)
                .hasMessageContaining(":2 is not valid JSON");
    }

    @Test
    void theJournalRecordsTheGitCommitStructureHashRunnerAndWriter() throws Exception {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve(".git/refs/heads/main"), commit + "\n");
        release.countDown();
        Session session = session(Map.of("three", three()));

        session.run(RunSpec.builder("three").runId("r-meta").toNodes("two").runner("parallel").maxWorkers(2).build(),
                Injected.input("a", 1));

        RunJournal.Part part = read("r-meta").parts().get(0);
        assertThat(part.gitCommit()).isEqualTo(commit);
        assertThat(part.structureHash()).isEqualTo(Pipeline.of(three().nodes().subList(0, 2).toArray(Node[]::new))
                .structureHash()).isNotEqualTo(three().structureHash());
        assertThat(part.runner()).isEqualTo("parallel");
        assertThat(part.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(part.host()).isEqualTo(new JournalStore(dir).host());
        assertThat(part.spec()).isEqualTo(RunSpec.builder("three").runId("r-meta").toNodes("two").runner("parallel")
                .maxWorkers(2).env("local").build());
    }

    @Test
    void listShowsRunsNewestFirstAndReadsNothingElse() throws Exception {
        release.countDown();
        Session session = session(Map.of("three", three()));
        session.run(RunSpec.builder("three").runId("r-older").build(), Injected.input("a", 1));
        Thread.sleep(2); // start times are compared to the millisecond
        session.run(RunSpec.builder("three").runId("r-newer").build(), Injected.input("a", 1));
        Files.createDirectories(dir.resolve(".sluice/runs/empty-dir"));
        Files.writeString(dir.resolve(".sluice/runs/stray.txt"), "not a run");

        assertThat(new JournalStore(dir).list()).extracting(RunJournal::runId).containsExactly("r-newer", "r-older");
        assertThat(new JournalStore(dir).read("no-such-run")).isEmpty();
        assertThat(new JournalStore(dir.resolve("nowhere")).list()).isEmpty();
    }

    @Test
    void listOrdersRunsByTheTimeTheyStartedNotByTheTextOfThatTime() {
        JournalStore store = new JournalStore(dir);
        // Instant.toString leaves out a zero fraction: as text the earlier start sorts last
        store.open(RunSpec.builder("etl").runId("r-earlier").build(), "sequential", "h", Map.of(), List.of(),
                Instant.parse("2026-01-01T00:00:00Z")).finished(RunState.SUCCEEDED, null, null,
                Instant.parse("2026-01-01T00:00:01Z"));
        store.open(RunSpec.builder("etl").runId("r-later").build(), "sequential", "h", Map.of(), List.of(),
                Instant.parse("2026-01-01T00:00:00.250Z")).finished(RunState.SUCCEEDED, null, null,
                Instant.parse("2026-01-01T00:00:01Z"));

        assertThat(store.list()).extracting(RunJournal::runId).containsExactly("r-later", "r-earlier");
    }

    @Test
    void theMergedViewAsJsonHasSnakeCaseFieldsAndLowerCaseStates() throws Exception {
        release.countDown();
        session(Map.of("three", three())).run(RunSpec.builder("three").runId("r-json").build(), Injected.input("a", 1));

        String json = JournalStore.toJson(read("r-json"));

        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.path("run_id").asText()).isEqualTo("r-json");
        assertThat(tree.path("state").asText()).isEqualTo("succeeded");
        assertThat(tree.path("parts").get(0).path("nodes").get(2).path("state").asText()).isEqualTo("completed");
        assertThat(tree.path("parts").get(0).path("spec").path("run_id").asText()).isEqualTo("r-json");
        assertThat(tree.path("parts").get(0).has("structure_hash")).isTrue();
        assertThat(json).as("indented for people").startsWith("{\n  \"run_id\" : \"r-json\"");
    }
}
