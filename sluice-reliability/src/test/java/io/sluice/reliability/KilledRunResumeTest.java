package io.sluice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.journal.JournalStore;
import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headline of resume by run id: a {@code sluice run} process killed with SIGKILL at a chosen
 * node, resumed by {@code sluice run --resume RUN_ID} in another process, leaves exactly the files
 * an uninterrupted run leaves, without running again the nodes that completed before the kill.
 */
class KilledRunResumeTest {
    private static final String RUN_ID = "r-killed";

    @TempDir
    Path killed;
    @TempDir
    Path uninterrupted;
    @TempDir
    Path services;
    @TempDir
    Path logs;

    @Test
    void aRunKilledAtAChosenNodeResumesToTheBytesOfAnUninterruptedRun() throws Exception {
        ResumeProject.write(killed);
        Files.writeString(killed.resolve(ResumeProject.HOLD), "");
        Process child = Reliability.sluice(ResumeProject.class, services, logs.resolve("run.log"),
                "-C", killed.toString(), "run", "--run-id", RUN_ID, "--params", "scale=3");
        awaitStallStarted(child);
        child.destroyForcibly(); // SIGKILL while stall runs
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        RunJournal before = new JournalStore(killed).read(RUN_ID).orElseThrow();
        assertThat(before.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(before.nodes()).filteredOn(n -> n.state() == NodeState.COMPLETED)
                .extracting(RunJournal.NodeRecord::name).containsExactly("seed", "twice", "total");
        Map<String, Snapshot> persistedBeforeKill = Map.of(
                "a.csv", Snapshot.of(killed.resolve("data/a.csv")), "c.json", Snapshot.of(killed.resolve("data/c.json")));
        Files.delete(killed.resolve(ResumeProject.HOLD));

        Process resume = Reliability.sluice(ResumeProject.class, services, logs.resolve("resume.log"),
                "-C", killed.toString(), "run", "--resume", RUN_ID);
        assertThat(resume.waitFor(120, TimeUnit.SECONDS)).as("the resume ends within two minutes").isTrue();
        assertThat(resume.exitValue()).as(Files.readString(logs.resolve("resume.log"))).isZero();
        assertThat(Files.readString(logs.resolve("resume.log"))).contains("Run " + RUN_ID + " of pipeline __default__ "
                + "resumed (attempt 2) and succeeded: 3 nodes ran, 2 completed before were skipped");

        ResumeProject.write(uninterrupted);
        try (Session session = Session.compile(new ResumeProject(),
                new SessionOptions(uninterrupted, "local", Map.of("scale", 3), false))) {
            session.run(RunSpec.builder().runId(RUN_ID).param("scale", 3).build()); // what the killed command ran
        }
        Map<String, byte[]> expected = files(uninterrupted.resolve("data"));
        Map<String, byte[]> actual = files(killed.resolve("data"));
        assertThat(actual.keySet()).as("the files of the resumed run").isEqualTo(expected.keySet())
                .contains("a.csv", "c.json", "d.yml", "e.parquet", ".a.csv.sluice", ".e.parquet.sluice");
        for (String name : expected.keySet()) {
            if (name.startsWith(".") && name.endsWith(".sluice")) {
                // a checksum record: when and by which process it was saved differ, never what it vouches for
                assertThat(record(actual.get(name))).as(name).isEqualTo(record(expected.get(name)));
            } else {
                assertThat(actual.get(name)).as(name).isEqualTo(expected.get(name));
            }
        }

        RunJournal after = new JournalStore(killed).read(RUN_ID).orElseThrow();
        assertThat(after.runId()).isEqualTo(RUN_ID);
        assertThat(after.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(after.parts()).singleElement().satisfies(p -> assertThat(p.attempt()).isEqualTo(2));
        assertThat(after.nodes()).extracting(RunJournal.NodeRecord::state).containsOnly(NodeState.COMPLETED);
        // seed and total completed before the kill: not called again, their files untouched; twice
        // ran again because label needs its memory output; stall was killed once and ran again
        assertThat(calls(killed)).isEqualTo(Map.of("seed", 1L, "twice", 2L, "total", 1L, "stall", 2L, "label", 1L));
        for (Map.Entry<String, Snapshot> kept : persistedBeforeKill.entrySet()) {
            assertThat(Snapshot.of(killed.resolve("data").resolve(kept.getKey()))).as(kept.getKey())
                    .isEqualTo(kept.getValue());
        }
    }

    /** Waits until the child's stall node has started (its marker file exists), failing if the child ends first. */
    private void awaitStallStarted(Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path marker = killed.resolve(ResumeProject.STALL_STARTED);
        while (!Files.exists(marker)) {
            assertThat(child.isAlive()).as("the child runs until the test kills it").isTrue();
            assertThat(System.nanoTime()).as("stall starts within two minutes").isLessThan(deadline);
            Thread.sleep(10); // a real process is awaited
        }
    }

    private static Map<String, Long> calls(Path project) throws IOException {
        return Files.readAllLines(project.resolve(ResumeProject.CALLS)).stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /**
     * Every regular file under {@code dir} by relative path, with its bytes, but the lease lock
     * files ({@code .<file>.lock}): they name the process that last held them, not data. Checksum
     * records ({@code .<file>.sluice}) are in, compared by {@link #record}.
     */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile)
                    .filter(f -> !(f.getFileName().toString().startsWith(".") && f.toString().endsWith(".lock")))
                    .toList()) {
                files.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    /** What a checksum record vouches for: the file, algorithm, checksum, size and run id. */
    private static JsonNode record(byte[] bytes) throws IOException {
        ObjectNode o = (ObjectNode) new ObjectMapper().readTree(bytes);
        o.remove(List.of("saved_at", "writer"));
        assertThat(o.path("checksum").asText()).isNotEmpty();
        return o;
    }

    /** A file's bytes (as a list, compared by value) and modification time. */
    private record Snapshot(List<Byte> bytes, FileTime modified) {
        static Snapshot of(Path file) throws IOException {
            byte[] b = Files.readAllBytes(file);
            Byte[] boxed = new Byte[b.length];
            for (int i = 0; i < b.length; i++) {
                boxed[i] = b[i];
            }
            return new Snapshot(List.of(boxed), Files.getLastModifiedTime(file));
        }
    }
}
