package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InjectionAndConcurrencyTest {
    static final AtomicInteger EXPENSIVE_CALLS = new AtomicInteger();
    static CountDownLatch together;

    @TempDir
    Path dir;

    static int expensive(int x) {
        EXPENSIVE_CALLS.incrementAndGet();
        return x * 100;
    }

    static int inc(int x) {
        return x + 1;
    }

    static int plus(int a, int b) {
        return a + b;
    }

    static String tag(String id, int value) {
        return id + "=" + value;
    }

    static int meet() throws InterruptedException {
        together.countDown();
        if (!together.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other nodes did not run at the same time");
        }
        return 1;
    }

    /** raw -expensive-> features -inc-> score ; features + bias -plus-> total. */
    private static Pipeline scoring() {
        return Pipeline.of(
                node(InjectionAndConcurrencyTest::expensive).inputs("raw").outputs("features").name("featurize"),
                node(InjectionAndConcurrencyTest::inc).inputs("features").outputs("score").name("score"),
                node(InjectionAndConcurrencyTest::plus).inputs("features", "bias").outputs("total").name("total"));
    }

    @Test
    void injectingAnIntermediateDatasetOverridesItAndPrunesWhatOnlyFedIt() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(scoring()));
        EXPENSIVE_CALLS.set(0);

        RunResult result = session.run(RunSpec.ofDefault(), Injected.input("features", 7).plusInput("bias", 1));

        assertThat(result.outputs()).containsEntry("score", 8).containsEntry("total", 8);
        assertThat(result.journal().nodes()).extracting(RunJournal.NodeRecord::name).containsExactly("score", "total");
        assertThat(EXPENSIVE_CALLS.get()).isZero();
    }

    @Test
    void injectingFreeInputsFeedsThem() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(scoring()));

        RunResult result = session.run(RunSpec.builder().outputs("score").build(), Injected.input("raw", 2).plusInput("bias", 5));

        assertThat(result.outputs()).containsExactly(Map.entry("score", 201));
    }

    @Test
    void anInjectedDatasetAskedForAsAnOutputIsReturnedAsGiven() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(scoring()));

        RunResult result = session.run(RunSpec.builder().outputs("features", "score").build(), Injected.input("features", 7).plusInput("bias", 1));

        assertThat(result.outputs()).containsExactly(Map.entry("features", 7), Map.entry("score", 8));
    }

    static int grow(java.util.List<Integer> xs) {
        xs.add(1);
        return xs.size();
    }

    @Test
    void injectedValuesAreCopiedAsTheirMemoryDatasetSays() {
        Pipeline p = Pipeline.of(node(InjectionAndConcurrencyTest::grow).inputs("xs").outputs("n").name("grow"));
        java.util.List<Integer> given = new java.util.ArrayList<>(java.util.List.of(7));

        // undeclared: a collection is copied, so the node cannot change the caller's list
        Session copying = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p));
        assertThat(copying.run(RunSpec.ofDefault(), Injected.input("xs", given)).outputs()).containsEntry("n", 2);
        assertThat(given).containsExactly(7);

        // declared with copy_mode: assign, the node gets the caller's own list
        Session assigning = TestProject.session(TestProject.write(dir, Map.of("conf/base/catalog.yml",
                "xs:\n  type: memory\n  copy_mode: assign\n")), TestProject.of(p));
        assertThat(assigning.run(RunSpec.ofDefault(), Injected.input("xs", given)).outputs()).containsEntry("n", 2);
        assertThat(given).containsExactly(7, 1);
    }

    @Test
    void injectingAnUnknownDatasetIsAnErrorNamingIt() {
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(scoring()));

        assertThatThrownBy(() -> session.run(RunSpec.ofDefault(), Injected.input("rwa", 2)))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Injected input 'rwa' is not a dataset of pipeline '__default__' (after node selection). "
                        + "Known free inputs: [bias, raw].");
    }

    @Test
    void concurrentRunsNeverSeeEachOthersData() throws Exception {
        Pipeline p = Pipeline.of(
                node(InjectionAndConcurrencyTest::inc).inputs("x").outputs("y").name("inc"),
                node(InjectionAndConcurrencyTest::tag).inputs("id", "y").outputs("tagged").name("tag"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        String id = client + "-" + i;
                        Object got = session.run(RunSpec.builder().journal(false).build(), Injected.input("id", id).plusInput("x", i)).outputs().get("tagged");
                        if (!(id + "=" + (i + 1)).equals(got)) {
                            mismatches.add(id + " got " + got);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theParallelRunnerRunsIndependentNodesAtTheSameTime() {
        together = new CountDownLatch(4);
        List<io.sluice.pipeline.Node> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(node(InjectionAndConcurrencyTest::meet).outputs("out" + i).name("meet" + i));
        }
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(Pipeline.of(nodes)));

        RunResult result = session.run(RunSpec.builder().runner("parallel").maxWorkers(4).build());

        assertThat(result.outputs()).containsOnlyKeys("out0", "out1", "out2", "out3");
        session.close();
    }

    @Test
    void memoryDatasetsAreReleasedAfterTheirLastConsumer() {
        Pipeline p = Pipeline.of(
                node(InjectionAndConcurrencyTest::inc).inputs("x").outputs("y").name("first"),
                node(InjectionAndConcurrencyTest::inc).inputs("y").outputs("z").name("second"),
                node(InjectionAndConcurrencyTest::plus).inputs("y", "z").outputs("w").name("third"));
        Session session = TestProject.session(TestProject.write(dir, Map.of()), TestProject.of(p));
        CompiledPlan plan = CompiledPlan.compile("__default__", p, session.catalog(), session.parameters(),
                Set.of("x"));
        RunExecution run = new RunExecution(plan, new RunContext("r", "__default__", "local", Map.of(), dir),
                io.sluice.hooks.Hooks.of(List.of()), plan.boundParams, Map.of("x", 1), Set.of("w"), null, null);

        run.run(0);
        run.run(1);
        assertThat(run.holds("y")).as("y still has a consumer (third)").isTrue();
        assertThat(run.holds("x")).as("x was read by its only consumer").isFalse();
        run.run(2);

        assertThat(run.holds("y")).isFalse();
        assertThat(run.holds("z")).isFalse();
        assertThat(run.outputs()).containsExactly(Map.entry("w", 5));
    }
}
