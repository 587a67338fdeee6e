package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.hooks.Hook;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.NodeState;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.runner.FakePolicyClock;
import io.sluice.runner.NodeAttemptsException;
import io.sluice.runner.NodeTimeoutException;
import io.sluice.runner.RunnerConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries and timeouts of runners.yml entries, with a fake clock: nothing here sleeps. */
class RunPolicyRunTest {

    @TempDir
    Path dir;

    final FakePolicyClock clock = new FakePolicyClock();

    /** Fails its first {@code failures} calls, then doubles its input. */
    static final class Flaky {
        final int failures;
        final AtomicInteger calls = new AtomicInteger();

        Flaky(int failures) {
            this.failures = failures;
        }

        int fetch(int x) {
            int call = calls.incrementAndGet();
            if (call <= failures) {
                throw new IllegalStateException("connection reset " + call);
            }
            return x * 2;
        }
    }

    /** Runs until interrupted, moving the fake clock a second at a time; counts the interrupts it saw. */
    static final class Slow {
        final FakePolicyClock clock;
        final AtomicInteger interrupted = new AtomicInteger();

        Slow(FakePolicyClock clock) {
            this.clock = clock;
        }

        int crunch(int x) throws InterruptedException {
            for (int s = 0; s < 3600; s++) {
                clock.advance(Duration.ofSeconds(1));
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.incrementAndGet();
                    throw new InterruptedException("stopped at " + s + "s");
                }
            }
            return x;
        }
    }

    static int plusOne(int x) {
        return x + 1;
    }

    static final class Errors implements Hook {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onNodeError(RunContext run, Node node, Map<String, Object> inputs, Throwable error) {
            seen.add(node.name() + ": " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
        }
    }

    /** Every node start, completion and error, in the order the hooks saw them. */
    static final class Events implements Hook {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
            seen.add(node.name() + " started");
        }

        @Override
        public void onNodeCompleted(RunContext run, Node node) {
            seen.add(node.name() + " completed");
        }

        @Override
        public void onNodeError(RunContext run, Node node, Map<String, Object> inputs, Throwable error) {
            seen.add(node.name() + " failed");
        }

        /** Waits (bounded) until every one of {@code events} was seen. */
        void await(String... events) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!seen.containsAll(List.of(events)) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(seen).as("events seen so far").contains(events);
        }
    }

    /** Nodes that only end once both have started: they can only complete when they run at the same time. */
    static final class Meeting {
        final CountDownLatch arrived = new CountDownLatch(2);

        int meet(int x) throws InterruptedException {
            arrived.countDown();
            if (!arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other node never ran at the same time");
            }
            return x;
        }
    }

    static final Duration WAIT = Duration.ofSeconds(10);

    private Session session(String runners, Pipeline pipeline, Hook... hooks) {
        TestProject.write(dir, Map.of("conf/base/runners.yml", runners));
        return Session.compile(TestProject.of(pipeline, hooks), new SessionOptions(dir, "local", Map.of()), clock);
    }

    private static RunSpec spec(String runId) {
        return RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runId(runId).outputs("c").build();
    }

    @Test
    void aNodeSelectedByTagIsRetriedUntilItSucceedsWithBackoffsWithinTheJitterBounds() {
        Flaky flaky = new Flaky(2);
        Errors errors = new Errors();
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("b").name("fetch_prices").tags("flaky"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("""
                default:
                  type: sequential
                  retry: [{tags: [flaky], max_attempts: 4, initial_backoff: 200ms, max_backoff: 5s, jitter: 0.2}]
                """, p, errors)) {
            RunResult r = s.run(spec("r1"), Injected.input("a", 5));
            assertThat(r.outputs()).containsEntry("c", 11);
            assertThat(flaky.calls).hasValue(3);
            assertThat(clock.sleeps).hasSize(2);
            assertThat(clock.sleeps.get(0)).isBetween(Duration.ofMillis(160), Duration.ofMillis(240));
            assertThat(clock.sleeps.get(1)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480));
            assertThat(errors.seen).containsExactly("fetch_prices: connection reset 1",
                    "fetch_prices: connection reset 2");
            RunJournal journal = new JournalStore(dir).read("r1").orElseThrow();
            assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("fetch_prices", 3),
                            org.assertj.core.groups.Tuple.tuple("after", 1));
            assertThat(journal.nodes().get(0).state()).isEqualTo(NodeState.COMPLETED);
        }
    }

    @Test
    void aNodeThatExhaustsItsAttemptsFailsTheRunWithEveryAttemptListed() {
        Flaky flaky = new Flaky(10);
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("b").name("fetch_prices"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("""
                default:
                  type: sequential
                  retry: [{nodes: [fetch_prices], max_attempts: 3, initial_backoff: 1s, multiplier: 3}]
                """, p)) {
            RunFailedException e = catchThrowableOfType(() -> s.run(spec("r2"), Injected.input("a", 5)),
                    RunFailedException.class);
            assertThat(flaky.calls).hasValue(3);
            assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3));
            assertThat(e.getMessage())
                    .contains("Node 'fetch_prices' failed after 3 attempts (attempts exhausted; runner 'default'")
                    .contains("attempt 1: started 2026-01-01T00:00:00Z, 0ms, IllegalStateException: connection reset 1")
                    .contains("attempt 2: started 2026-01-01T00:00:01Z, 0ms, IllegalStateException: connection reset 2")
                    .contains("attempt 3: started 2026-01-01T00:00:04Z, 0ms, IllegalStateException: connection reset 3");
            assertThat(e.getCause()).hasCauseInstanceOf(NodeAttemptsException.class);
            assertThat(((NodeAttemptsException) e.getCause().getCause()).attempts()).hasSize(3);
            RunJournal journal = new JournalStore(dir).read("r2").orElseThrow();
            assertThat(journal.nodes().get(0).attempts()).isEqualTo(3);
            assertThat(journal.nodes().get(0).state()).isEqualTo(NodeState.FAILED);
            assertThat(journal.nodes().get(0).error()).contains("attempt 3:");
            assertThat(journal.nodes().get(1).state()).isEqualTo(NodeState.NOT_RUN);
        }
    }

    @Test
    void aTimeoutInterruptsTheFunctionAndFailsTheRun() {
        Slow slow = new Slow(clock);
        Pipeline p = Pipeline.of(
                node(slow::crunch).inputs("a").outputs("b").name("crunch").tags("slow"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("""
                default:
                  type: sequential
                  timeout: [{tags: [slow], after: 30s}]
                """, p)) {
            RunFailedException e = catchThrowableOfType(() -> s.run(spec("r3"), Injected.input("a", 5)),
                    RunFailedException.class);
            assertThat(slow.interrupted).hasValue(1);
            assertThat(e.getMessage()).contains("Node 'crunch' failed after 1 attempt (no retry")
                    .contains("attempt 1: started 2026-01-01T00:00:00Z, 30s, NodeTimeoutException: Node 'crunch' "
                            + "timed out after 30s");
            NodeAttemptsException attempts = (NodeAttemptsException) e.getCause().getCause();
            assertThat(attempts.attempts().get(0).error()).isInstanceOf(NodeTimeoutException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(clock.armed()).isZero();
        }
    }

    @Test
    void aTimedOutAttemptIsRetriedAndTheInterruptDoesNotReachTheSaves() {
        Slow slow = new Slow(clock);
        Flaky fast = new Flaky(0);
        AtomicInteger attempt = new AtomicInteger();
        Pipeline p = Pipeline.of(
                node((Integer x) -> attempt.incrementAndGet() == 1 ? slow.crunch(x) : fast.fetch(x))
                        .inputs("a").outputs("b").name("sometimes_slow"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("""
                default:
                  type: sequential
                  retry: [{max_attempts: 2, initial_backoff: 100ms}]
                  timeout: [{nodes: [sometimes_slow], after: 10s}]
                """, p)) {
            RunResult r = s.run(spec("r4"), Injected.input("a", 5));
            assertThat(r.outputs()).containsEntry("c", 11);
            assertThat(slow.interrupted).hasValue(1);
            assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100));
        }
    }

    @Test
    void theParallelRunnerAppliesThePolicyToo() {
        Flaky flaky = new Flaky(1);
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("b").name("fetch_prices"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("""
                wide:
                  type: parallel
                  max_workers: 2
                  retry: [{nodes: [fetch_prices], max_attempts: 2, initial_backoff: 50ms}]
                """, p)) {
            RunSpec spec = RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner("wide").outputs("c")
                    .build();
            assertThat(s.run(spec, Injected.input("a", 5)).outputs()).containsEntry("c", 11);
            assertThat(flaky.calls).hasValue(2);
        }
    }

    @Test
    void withoutAPolicyAFailingNodeRunsOnceAndIsJournalledWithOneAttempt() {
        Flaky flaky = new Flaky(1);
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("b").name("fetch_prices"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        try (Session s = session("parallel4: {type: parallel, max_workers: 4}\n", p)) {
            catchThrowableOfType(() -> s.run(spec("r5"), Injected.input("a", 5)), RunFailedException.class);
            assertThat(flaky.calls).hasValue(1);
            assertThat(clock.sleeps).isEmpty();
            assertThat(new JournalStore(dir).read("r5").orElseThrow().nodes().get(0).attempts()).isEqualTo(1);
        }
    }

    @Test
    void theDefaultEntryIsUsedWhenTheSpecNamesNoRunnerAndAnUnknownNameIsRefused() {
        Pipeline p = Pipeline.of(node(RunPolicyRunTest::plusOne).inputs("a").outputs("c").name("one"));
        try (Session s = session("default: {type: parallel, max_workers: 2}\n", p)) {
            s.run(spec("r6"), Injected.input("a", 1));
            assertThat(new JournalStore(dir).read("r6").orElseThrow().parts().get(0).runner()).isEqualTo("default");
            RunSpec unknown = RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner("defualt").build();
            assertThat(catchThrowableOfType(() -> s.run(unknown, Injected.input("a", 1)), RunnerConfigException.class))
                    .hasMessageContaining("Unknown runner 'defualt'").hasMessageContaining("Did you mean 'default'?");
        }
    }

    @Test
    void aRuleNamingANodeTagOrNamespaceNoPipelineHasFailsTheCompileInsteadOfSelectingNothing() {
        Pipeline p = Pipeline.of(
                node(RunPolicyRunTest::plusOne).inputs("a").outputs("b").name("fetch_prices").tags("flaky"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        TestProject.write(dir, Map.of("conf/base/runners.yml", """
                default:
                  type: sequential
                  retry: [{nodes: [fetch_pricez], max_attempts: 2}]
                  timeout: [{tags: [flakey], after: 1s}, {namespaces: [eu], after: 2s}]
                """));

        assertThatThrownBy(() -> Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of()), clock))
                .isInstanceOf(io.sluice.runner.RunnerConfigException.class)
                .hasMessageContaining("conf/base/runners.yml:1:1: retry rule 1 of runner 'default' names node "
                        + "'fetch_pricez', which no registered pipeline has, so it would select nothing. "
                        + "Did you mean 'fetch_prices'?")
                .hasMessageContaining("timeout rule 1 of runner 'default' names tag 'flakey'")
                .hasMessageContaining("Did you mean 'flaky'?")
                .hasMessageContaining("timeout rule 2 of runner 'default' names namespace 'eu'");
    }

    @Test
    void aRuleMayNameAnOuterNamespaceOfANode() {
        Pipeline p = Pipeline.of(node(RunPolicyRunTest::plusOne).inputs("a").outputs("c").name("after")
                .namespace("eu.fr"));
        try (Session s = session("""
                default:
                  type: sequential
                  retry: [{namespaces: [eu], max_attempts: 2}]
                """, p)) {
            assertThat(s.runners().entry("default").policy().retry()).hasSize(1);
        }
    }

    @Test
    void aNodeWaitingOutItsBackoffHoldsNoWorkerSoTheOtherReadyNodesRunMeanwhile() throws Exception {
        Flaky flaky = new Flaky(1);
        Meeting meeting = new Meeting();
        Events events = new Events();
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("x").name("a_flaky"),
                node(meeting::meet).inputs("a").outputs("y").name("b_meets"),
                node(meeting::meet).inputs("a").outputs("z").name("c_meets"));
        clock.holdBackoffs();
        try (Session s = session("""
                two:
                  type: parallel
                  max_workers: 2
                  retry: [{nodes: [a_flaky], max_attempts: 2, initial_backoff: 2s}]
                """, p, events)) {
            RunHandle handle = s.start(RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner("two").runId("r7")
                    .outputs("x", "y", "z").build(), Injected.input("a", 5));
            assertThat(clock.awaitHeldBackoffs(1, WAIT)).as("a_flaky waits out its backoff").isTrue();
            // with a_flaky's worker held by its backoff, b and c would run one after the other and never meet
            events.await("b_meets completed", "c_meets completed");
            clock.releaseBackoffs();
            RunResult r = handle.await(WAIT);

            assertThat(r.outputs()).containsEntry("x", 10).containsEntry("y", 5).containsEntry("z", 5);
            List<String> seen = events.seen;
            assertThat(seen.stream().filter(e -> e.startsWith("a_flaky"))).containsExactly(
                    "a_flaky started", "a_flaky failed", "a_flaky started", "a_flaky completed");
            int retried = seen.lastIndexOf("a_flaky started");
            assertThat(seen.indexOf("a_flaky failed")).isLessThan(retried);
            assertThat(seen.indexOf("b_meets completed")).isLessThan(retried);
            assertThat(seen.indexOf("c_meets completed")).isLessThan(retried);
            assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(2));
            RunJournal journal = new JournalStore(dir).read("r7").orElseThrow();
            assertThat(journal.nodes()).filteredOn(n -> n.name().equals("a_flaky"))
                    .extracting(RunJournal.NodeRecord::state, RunJournal.NodeRecord::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(NodeState.COMPLETED, 2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "parallel"})
    void cancellingARunWhileANodeWaitsToRetryEndsTheWaitAtOnceAndNamesTheNode(String type) throws Exception {
        Flaky flaky = new Flaky(5);
        Pipeline p = Pipeline.of(
                node(flaky::fetch).inputs("a").outputs("b").name("fetch_prices"),
                node(RunPolicyRunTest::plusOne).inputs("b").outputs("c").name("after"));
        clock.holdBackoffs(); // never released: only the cancel can end the wait
        try (Session s = session("""
                slow_retry:
                  type: %s
                  retry: [{nodes: [fetch_prices], max_attempts: 3, initial_backoff: 1h, max_backoff: 1h}]
                """.formatted(type), p)) {
            RunHandle handle = s.start(RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner("slow_retry").runId("r8")
                    .outputs("c").build(), Injected.input("a", 5));
            assertThat(clock.awaitHeldBackoffs(1, WAIT)).isTrue();
            assertThat(handle.cancel()).isTrue();

            RunCancelledException cancelled = catchThrowableOfType(RunCancelledException.class,
                    () -> handle.await(WAIT));
            assertThat(cancelled).hasMessage("Run r8 of pipeline '__default__' was cancelled while node "
                    + "'fetch_prices' (after 1 failed attempt) waited to retry.");
            assertThat(flaky.calls).hasValue(1);
            assertThat(clock.awaitHeldBackoffs(1, Duration.ZERO)).as("the backoff's timer was disarmed").isFalse();
            RunJournal.NodeRecord fetch = new JournalStore(dir).read("r8").orElseThrow().nodes().get(0);
            assertThat(fetch.state()).isEqualTo(NodeState.CANCELLED);
            assertThat(fetch.attempts()).isEqualTo(1);
            assertThat(fetch.error()).contains("Node 'fetch_prices' failed after 1 attempt (the run was cancelled "
                    + "while waiting to retry").contains("attempt 1: started");
        }
    }
}
