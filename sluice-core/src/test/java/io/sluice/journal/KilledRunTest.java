package io.sluice.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose process is killed with SIGKILL, as the journal reads it afterwards. */
class KilledRunTest {
    @TempDir
    Path project;

    @Test
    void aRunWhoseProcessWasKilledReadsAsInterruptedWithTheNodesItCompleted() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                KilledRunMain.class.getName(), project.toString(), "r-killed")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        JournalStore store = new JournalStore(project);
        try {
            RunJournal running = awaitSecondNode(store, child, Duration.ofSeconds(60));
            assertThat(running.state()).isEqualTo(RunState.RUNNING);
            assertThat(running.parts().get(0).pid()).isEqualTo(child.pid());

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no end recorded
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        RunJournal journal = store.read("r-killed").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(journal.finishedAt()).isNull();
        assertThat(journal.pipeline()).isEqualTo("chain");
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(tuple("first", NodeState.COMPLETED), tuple("second", NodeState.COMPLETED),
                        tuple("third", NodeState.NOT_RUN), tuple("fourth", NodeState.NOT_RUN));
        assertThat(journal.error()).isEqualTo("the process that ran it (pid " + child.pid() + " on " + store.host()
                + ") ended before recording the end of the run");
        assertThat(new JournalStore(project).list()).extracting(RunJournal::state)
                .containsExactly(RunState.INTERRUPTED);
    }

    /** Polls the journal until it shows the second node completed; fails if the child ends or time runs out. */
    private static RunJournal awaitSecondNode(JournalStore store, Process child, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RunJournal> j = store.read("r-killed");
            if (j.isPresent() && j.get().nodes().size() == 4
                    && j.get().nodes().get(1).state() == NodeState.COMPLETED) {
                return j.get();
            }
            assertThat(child.isAlive()).as("the child JVM ended early with exit code %s",
                    child.isAlive() ? "" : child.exitValue()).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("the child never recorded its second node within " + limit);
    }
}
