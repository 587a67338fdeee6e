package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Node;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRunTest {
    @TempDir
    Path dir;

    record Scale(int factor, String label) {
    }

    static int twice(int x) {
        return 2 * x;
    }

    static int plus(int a, int b) {
        return a + b;
    }

    static String label(int x, Scale scale) {
        return scale.label() + ":" + x * scale.factor();
    }

    static String where(RunContext context) {
        return context.pipelineName() + "@" + context.env() + "#" + context.runId();
    }

    static int fail(int x) {
        throw new IllegalStateException("bad value " + x);
    }

    private static Pipeline diamond() {
        return Pipeline.of(
                node(SessionRunTest::twice).inputs("a").outputs("b").name("double"),
                node(SessionRunTest::twice).inputs("a").outputs("c").name("double_again"),
                node(SessionRunTest::plus).inputs("b", "c").outputs("d").name("sum"));
    }

    @Test
    void runsThePipelineAndReturnsItsFreeMemoryOutputs() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(diamond()));

        RunResult result = session.run(RunSpec.ofDefault(), Injected.input("a", 5));

        assertThat(result.outputs()).containsExactly(Map.entry("d", 20));
        assertThat(result.pipelineName()).isEqualTo("__default__");
    }

    @Test
    void bindsParametersToTheDeclaredRecordAndAppliesRuntimeAndPerRunOverrides() {
        TestProject.write(dir, Map.of("conf/base/parameters.yml", "scale:\n  factor: 3\n  label: x\n"));
        Pipeline p = Pipeline.of(node(SessionRunTest::label).inputs("n", "params:scale").outputs("text"));
        Session session = Session.compile(TestProject.of(p), new SessionOptions(dir, "local",
                Map.of("scale.label", "cli")));

        assertThat(session.run(RunSpec.ofDefault(), Injected.input("n", 2)).outputs()).containsEntry("text", "cli:6");
        assertThat(session.run(RunSpec.builder().param("scale.factor", 10).build(), Injected.input("n", 2)).outputs())
                .containsEntry("text", "cli:20");
    }

    @Test
    void givesTheRunContextToNodesAndHooks() {
        RecordingHook hook = new RecordingHook();
        Pipeline p = Pipeline.of(node(SessionRunTest::where).inputs("run:context").outputs("where"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()),
                new TestProject(Map.of("etl", p), List.of(hook)));

        RunResult result = session.run(RunSpec.builder("etl").runId("run-42").build());

        assertThat(result.outputs()).containsEntry("where", "etl@local#run-42");
        assertThat(hook.runIds).containsExactly("run-42");
    }

    /** A user dataset (named by class in catalog.yml) that loads the current run's id. */
    public static final class RunIdDataset implements io.sluice.io.Dataset<String> {
        public RunIdDataset(io.sluice.io.DatasetConfig config) {
        }

        @Override
        public String load() {
            return RunContext.current().map(c -> c.runId() + "/" + c.pipelineName()).orElse("no context");
        }

        @Override
        public void save(String data) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", RunIdDataset.class.getName());
        }
    }

    static String echo(String s) {
        return s;
    }

    @Test
    void datasetsReadTheRunContextOfTheRunTheyServe() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml",
                "current_run:\n  type: " + RunIdDataset.class.getName() + "\n  load_once: false\n"));
        Pipeline p = Pipeline.of(node(SessionRunTest::echo).inputs("current_run").outputs("seen"));
        Session session = TestProject.session(dir, new TestProject(Map.of("report", p), List.of()));

        assertThat(session.run(RunSpec.builder("report").runId("r-7").build()).outputs())
                .containsEntry("seen", "r-7/report");
        assertThat(session.run(RunSpec.builder("report").runId("r-8").runner("parallel").build()).outputs())
                .containsEntry("seen", "r-8/report");
        session.close();
    }

    @Test
    void callsHooksInOrderAroundEveryNodeAndDataset() {
        RecordingHook hook = new RecordingHook();
        Pipeline p = Pipeline.of(node(SessionRunTest::twice).inputs("a").outputs("b").name("double"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p, hook));

        session.run(RunSpec.ofDefault(), Injected.input("a", 4));

        assertThat(hook.events).containsExactly(
                "beforePipelineRun __default__",
                "beforeDatasetLoaded a double",
                "afterDatasetLoaded a double 4",
                "beforeNodeRun double {a=4}",
                "afterNodeRun double {b=8}",
                "beforeDatasetSaved b double 8",
                "afterDatasetSaved b double 8",
                "onNodeCompleted double",
                "afterPipelineRun [b]");
    }

    @Test
    void aNodeIsReportedCompletedOnlyOnceItsOutputsAreOnDisk() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "b:\n  type: json\n  filepath: data/b.json\n"));
        List<String> seen = new ArrayList<>();
        io.sluice.hooks.Hook observer = new io.sluice.hooks.Hook() {
            @Override
            public void afterNodeRun(RunContext run, Node node, Map<String, Object> inputs,
                                     Map<String, Object> outputs) {
                seen.add("afterNodeRun: saved=" + java.nio.file.Files.exists(dir.resolve("data/b.json")));
            }

            @Override
            public void onNodeCompleted(RunContext run, Node node) {
                seen.add("onNodeCompleted: saved=" + java.nio.file.Files.exists(dir.resolve("data/b.json")));
            }
        };
        Pipeline p = Pipeline.of(node(SessionRunTest::twice).inputs("a").outputs("b").name("double"));
        Session session = TestProject.session(dir, TestProject.of(p, observer));

        session.run(RunSpec.ofDefault(), Injected.input("a", 4));

        assertThat(seen).containsExactly("afterNodeRun: saved=false", "onNodeCompleted: saved=true");
        session.close();
    }

    @Test
    void severalHooksAreCalledInRegistrationOrder() {
        List<String> calls = new ArrayList<>();
        io.sluice.hooks.Hook first = new io.sluice.hooks.Hook() {
            @Override
            public void beforePipelineRun(RunContext run, Pipeline pipeline) {
                calls.add("first");
            }
        };
        io.sluice.hooks.Hook second = new io.sluice.hooks.Hook() {
            @Override
            public void beforePipelineRun(RunContext run, Pipeline pipeline) {
                calls.add("second");
            }
        };
        Session session = TestProject.session(TestProject.write(dir, Map.of()),
                TestProject.of(diamond(), first, second));

        session.run(RunSpec.ofDefault(), Injected.input("a", 1));

        assertThat(calls).containsExactly("first", "second");
    }

    @Test
    void sequentialAndParallelRunnersGiveTheSameResultsAndHookCalls() {
        RecordingHook sequentialHook = new RecordingHook();
        RecordingHook parallelHook = new RecordingHook();
        TestProject.write(dir, Map.of());
        Session sequential = TestProject.session(dir, TestProject.of(diamond(), sequentialHook));
        Session parallel = TestProject.session(dir, TestProject.of(diamond(), parallelHook));

        RunResult s = sequential.run(RunSpec.ofDefault(), Injected.input("a", 3));
        RunResult p = parallel.run(RunSpec.builder().runner("parallel").maxWorkers(3).build(), Injected.input("a", 3));

        assertThat(p.outputs()).isEqualTo(s.outputs());
        assertThat(parallelHook.events).containsExactlyInAnyOrderElementsOf(sequentialHook.events);
        assertThat(parallelHook.events.indexOf("afterNodeRun sum {d=12}"))
                .isGreaterThan(parallelHook.events.indexOf("afterNodeRun double {b=6}"))
                .isGreaterThan(parallelHook.events.indexOf("afterNodeRun double_again {c=6}"));
        parallel.close();
    }

    @Test
    void aFailureNamesTheNodeAndItsInputsAndCallsTheErrorHooks() {
        RecordingHook hook = new RecordingHook();
        Pipeline p = Pipeline.of(
                node(SessionRunTest::twice).inputs("a").outputs("b").name("double"),
                node(SessionRunTest::fail).inputs("b").outputs("c").name("explode"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p, hook));

        assertThatThrownBy(() -> session.run(RunSpec.builder().runId("r1").build(), Injected.input("a", 1)))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("Node 'explode' failed (inputs: b): IllegalStateException: bad value 2")
                .satisfies(e -> assertThat(((RunFailedException) e).failedNode()).isEqualTo("explode"));
        assertThat(hook.events).contains("onNodeError explode", "onPipelineError");
        assertThat(hook.events).doesNotContain("afterPipelineRun [c]");
    }

    @Test
    void nodesAfterAFailureAreJournaledAsNotRun() {
        Pipeline p = Pipeline.of(
                node(SessionRunTest::fail).inputs("a").outputs("b").name("explode"),
                node(SessionRunTest::twice).inputs("b").outputs("c").name("after"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p));

        assertThatThrownBy(() -> session.run(RunSpec.builder().runId("r2").build(), Injected.input("a", 1)))
                .isInstanceOf(RunFailedException.class);

        RunJournal journal = new JournalStore(dir).read("r2").orElseThrow();
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::state)
                .containsExactly(NodeState.FAILED, NodeState.NOT_RUN);
        assertThat(journal.nodes().get(0).error())
                .isEqualTo("Node 'explode' failed (inputs: a): IllegalStateException: bad value 1");
        assertThat(journal.error()).isEqualTo(journal.nodes().get(0).error());
    }

    @Test
    void savingAValueTheDatasetCannotHoldNamesTheNodeOutputAndDataset() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "b:\n  type: text\n  filepath: data/b.txt\n"));
        Pipeline p = Pipeline.of(node(SessionRunTest::twice).inputs("a").outputs("b").name("double"));
        Session session = TestProject.session(dir, TestProject.of(p));

        assertThatThrownBy(() -> session.run(RunSpec.ofDefault(), Injected.input("a", 1)))
                .isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("Node 'double' returned a java.lang.Integer for output 'b', which dataset text "
                        + "cannot save: ");
        assertThat(dir.resolve("data/b.txt")).doesNotExist();
    }

    @Test
    void unknownPipelineListsTheRegisteredOnes() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()),
                new TestProject(Map.of("etl", diamond()), List.of()));

        assertThatThrownBy(() -> session.run(RunSpec.of("elt")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Pipeline 'elt' is not registered by project TestProject. "
                        + "Registered pipelines: __default__, etl.");
    }

    @Test
    void theDefaultPipelineIsTheUnionOfRegisteredPipelinesWhenNotRegistered() {
        Pipeline a = Pipeline.of(node(SessionRunTest::twice).inputs("x").outputs("y").name("a"));
        Pipeline b = Pipeline.of(node(SessionRunTest::twice).inputs("y").outputs("z").name("b"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()),
                new TestProject(Map.of("a", a, "b", b), List.of()));

        assertThat(session.pipelines().keySet()).containsExactly("__default__", "a", "b");
        assertThat(session.run(RunSpec.ofDefault(), Injected.input("x", 1)).outputs()).containsEntry("z", 4);
    }

    @Test
    void aFreeInputWithoutSourceIsRejectedBeforeAnyNodeRuns() {
        RecordingHook hook = new RecordingHook();
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(diamond(), hook));

        assertThatThrownBy(() -> session.run(RunSpec.ofDefault()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Pipeline '__default__' needs input(s) [a] that no node produces and the catalog does not "
                        + "declare. Declare them in conf/base/catalog.yml, inject their values in the run request, "
                        + "or run fewer nodes.");
        assertThat(hook.events).isEmpty();
    }

    @Test
    void filtersSelectNodesAndIntermediateFilesFeedThem() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                b:
                  type: json
                  filepath: data/b.json
                c:
                  type: json
                  filepath: data/c.json
                """));
        Session session = TestProject.session(dir, TestProject.of(diamond()));
        session.run(RunSpec.ofDefault(), Injected.input("a", 1));

        RunResult onlySum = session.run(RunSpec.builder().selection(PipelineFilter.NONE.withNodeNames(Set.of("sum"))).build());

        assertThat(onlySum.journal().nodes()).extracting(RunJournal.NodeRecord::name).containsExactly("sum");
        assertThat(onlySum.outputs()).containsEntry("d", 4);
    }

    @Test
    void writesAJournalWithNodeStatusesTimingsAndDatasetVersions() throws Exception {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                d:
                  type: json
                  filepath: data/d.json
                  versioned: true
                b:
                  type: json
                  filepath: data/b.json
                """));
        Session session = TestProject.session(dir, TestProject.of(diamond()));

        session.run(RunSpec.builder().runId("2026-01-01T00.00.00.000Z-x").build(), Injected.input("a", 1));

        RunJournal journal = new JournalStore(dir).read("2026-01-01T00.00.00.000Z-x").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.pipeline()).isEqualTo("__default__");
        assertThat(journal.env()).isEqualTo("local");
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("double", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("double_again", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("sum", NodeState.COMPLETED));
        assertThat(journal.nodes()).allSatisfy(n -> assertThat(n.startedAt()).isNotNull());
        assertThat(journal.datasetVersions()).containsExactly(Map.entry("d", "2026-01-01T00.00.00.000Z-x"));
        assertThat(Files.readString(dir.resolve("data/d.json/2026-01-01T00.00.00.000Z-x/d.json")).trim())
                .isEqualTo("4");
        assertThat(dir.resolve("data/b.json")).exists();
    }

    @Test
    void loadVersionsPinWhichVersionARunReads() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                b:
                  type: json
                  filepath: data/b.json
                  versioned: true
                """));
        Pipeline produce = Pipeline.of(node(SessionRunTest::twice).inputs("a").outputs("b").name("produce"));
        Pipeline consume = Pipeline.of(node(SessionRunTest::twice).inputs("b").outputs("c").name("consume"));
        Session session = TestProject.session(dir, new TestProject(Map.of("produce", produce, "consume", consume),
                List.of()));
        session.run(RunSpec.builder("produce").runId("v1").build(), Injected.input("a", 1));
        session.run(RunSpec.builder("produce").runId("v2").build(), Injected.input("a", 10));

        assertThat(session.run(RunSpec.of("consume")).outputs()).containsEntry("c", 40);
        assertThat(session.run(RunSpec.builder("consume").loadVersion("b", "v1").build()).outputs())
                .containsEntry("c", 4);
    }

    @Test
    void runsCanBeTurnedIntoJournalFreeRuns() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(diamond()));

        session.run(RunSpec.builder().runId("quiet").journal(false).build(), Injected.input("a", 1));

        assertThat(dir.resolve(".sluice/runs/quiet")).doesNotExist();
    }

    @Test
    void rejectsRunIdsThatCouldEscapeTheirFolder() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(diamond()));

        assertThatThrownBy(() -> session.run(RunSpec.builder().runId("../etc").build(), Injected.input("a", 1)))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("Invalid run id '../etc'");
    }
}
