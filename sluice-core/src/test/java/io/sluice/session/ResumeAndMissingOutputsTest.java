package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.NodeState;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain used here, with persisted (json) and memory datasets:
 * <pre>
 *   raw(json) -load-> m1(mem) -persist-> p2(json) -expand-> m3(mem) -finish-> out(json)
 *                                        p2(json) -side---> side(json)
 * </pre>
 */
class ResumeAndMissingOutputsTest {
    static final AtomicBoolean FINISH_FAILS = new AtomicBoolean();

    @TempDir
    Path dir;

    static int inc(int x) {
        return x + 1;
    }

    static int finish(int x) {
        if (FINISH_FAILS.get()) {
            throw new IllegalArgumentException("finish refused " + x);
        }
        return x * 10;
    }

    private Session session() {
        TestProject.write(dir, Map.of(
                "conf/base/catalog.yml", """
                        raw:
                          type: json
                          filepath: data/raw.json
                        p2:
                          type: json
                          filepath: data/p2.json
                        out:
                          type: json
                          filepath: data/out.json
                        side:
                          type: json
                          filepath: data/side.json
                        """,
                "data/raw.json", "1"));
        Pipeline p = Pipeline.of(
                node(ResumeAndMissingOutputsTest::inc).inputs("raw").outputs("m1").name("load"),
                node(ResumeAndMissingOutputsTest::inc).inputs("m1").outputs("p2").name("persist"),
                node(ResumeAndMissingOutputsTest::inc).inputs("p2").outputs("m3").name("expand"),
                node(ResumeAndMissingOutputsTest::finish).inputs("m3").outputs("out").name("finish"),
                node(ResumeAndMissingOutputsTest::inc).inputs("p2").outputs("side").name("side"));
        return TestProject.session(dir, new TestProject(Map.of("chain", p), List.of()));
    }

    @Test
    void resumeStartsFromTheNearestNodesWhoseInputsArePersisted() {
        FINISH_FAILS.set(true);
        try {
            RunFailedException e = catchThrowableOfType(RunFailedException.class,
                    () -> session().run(RunSpec.of("chain")));

            // finish failed; its input m3 was in memory, so expand (reading persisted p2) must rerun
            assertThat(e.resume()).isEqualTo(RunSpec.builder("chain").fromNodes("expand").env("local").build());
            assertThat(e.getMessage()).isEqualTo(
                    "Node 'finish' failed (inputs: m3): IllegalArgumentException: finish refused 4");
        } finally {
            FINISH_FAILS.set(false);
        }
    }

    @Test
    void resumeKeepsTheOriginalSelectionAndEnvironmentOptions() {
        FINISH_FAILS.set(true);
        try {
            Session session = session();
            RunFailedException e = catchThrowableOfType(RunFailedException.class, () -> session.run(
                    RunSpec.builder("chain").selection(PipelineFilter.NONE.withToNodes(Set.of("finish"))).build()));

            assertThat(e.resume()).isEqualTo(RunSpec.builder("chain").fromNodes("expand").toNodes("finish").env("local")
                    .build());
        } finally {
            FINISH_FAILS.set(false);
        }
    }

    @Test
    void theSuggestedResumeRunCompletesTheWork() {
        FINISH_FAILS.set(true);
        Session session = session();
        catchThrowableOfType(RunFailedException.class, () -> session.run(RunSpec.of("chain")));
        FINISH_FAILS.set(false);

        RunResult resumed = session.run(RunSpec.builder("chain").selection(PipelineFilter.NONE.withFromNodes(Set.of("expand"))).build());

        assertThat(resumed.journal().nodes()).extracting(RunJournal.NodeRecord::name)
                .containsExactly("expand", "finish");
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("40");
    }

    @Test
    void theFailedRunJournalRecordsWhatRanAndTheResumeCommand() {
        FINISH_FAILS.set(true);
        try {
            catchThrowableOfType(RunFailedException.class,
                    () -> session().run(RunSpec.builder("chain").runId("failed-1").build()));
        } finally {
            FINISH_FAILS.set(false);
        }
        RunJournal journal = new JournalStore(dir).read("failed-1").orElseThrow();

        assertThat(journal.state()).isEqualTo(RunState.FAILED);
        assertThat(journal.resume()).isEqualTo(RunSpec.builder("chain").fromNodes("expand").env("local").build());
        // toposort layers: load | persist | expand, side (by name) | finish
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("load", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("persist", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("expand", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("side", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("finish", NodeState.FAILED));
    }

    @Test
    void onlyMissingOutputsRunsWhatProducesMissingFilesAndTheMemoryInputsTheyNeed() throws Exception {
        Session session = session();
        session.run(RunSpec.of("chain"));
        Files.delete(dir.resolve("data/out.json"));

        RunResult rerun = session.run(RunSpec.builder("chain").onlyMissingOutputs(true).build());

        // out is missing: finish must run, and expand because m3 lived in memory; p2 and side exist
        assertThat(rerun.journal().nodes()).extracting(RunJournal.NodeRecord::name)
                .containsExactly("expand", "finish");
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("40");
    }

    @Test
    void onlyMissingOutputsRerunsDownstreamOfAMissingIntermediateFile() throws Exception {
        Session session = session();
        session.run(RunSpec.of("chain"));
        Files.delete(dir.resolve("data/p2.json"));

        RunResult rerun = session.run(RunSpec.builder("chain").onlyMissingOutputs(true).build());

        assertThat(rerun.journal().nodes()).extracting(RunJournal.NodeRecord::name)
                .containsExactly("load", "persist", "expand", "side", "finish");
    }

    @Test
    void onlyMissingOutputsRebuildsOutputsOlderThanAnInputAnInterruptedRunRewrote() throws Exception {
        Session session = session();
        session.run(RunSpec.of("chain"));
        // a later run rewrote p2 and stopped there (as a run killed after persist would)
        session.run(RunSpec.builder("chain").nodes("load", "persist").build());

        RunResult rerun = session.run(RunSpec.builder("chain").onlyMissingOutputs(true).build());

        // every file exists, but side and out were built from the older p2: they are stale
        assertThat(rerun.journal().nodes()).extracting(RunJournal.NodeRecord::name)
                .containsExactly("expand", "side", "finish");
        RunResult nothingLeft = session.run(RunSpec.builder("chain").onlyMissingOutputs(true).build());
        assertThat(nothingLeft.journal().nodes()).as("once rebuilt, nothing is stale").isEmpty();
    }

    @Test
    void onlyMissingOutputsRebuildsOutputsOfDataSavedByARunKilledBeforeItsJournalRecordedTheNode() throws Exception {
        Session session = session();
        session.run(RunSpec.of("chain"));
        Thread.sleep(5); // the rewrite below must be later than the run's journal times
        // a run saved p2 and was killed before its journal recorded the node: only p2's checksum
        // record knows of the new data
        @SuppressWarnings("unchecked")
        io.sluice.io.Dataset<Object> p2 = (io.sluice.io.Dataset<Object>) session.catalog().dataset("p2");
        p2.save(RunContext.outsideRun(dir), 7);

        RunResult rerun = session.run(RunSpec.builder("chain").onlyMissingOutputs(true).build());

        assertThat(rerun.journal().nodes()).extracting(RunJournal.NodeRecord::name)
                .containsExactly("expand", "side", "finish");
        assertThat(dir.resolve("data/side.json")).content().isEqualToIgnoringWhitespace("8");
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("80");
    }
}
