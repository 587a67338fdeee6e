package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.NodeState;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs started with {@link Session#start}: their states, results, failures and cancellation. Nodes
 * wait on latches, never on the clock; every wait is bounded.
 */
class RunHandleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Counted down when the {@code block} node starts. */
    static volatile CountDownLatch entered;
    /** What the {@code block} node waits for (interruptibly). */
    static volatile CountDownLatch release;
    /** The run ids in which the {@code block} node started. */
    static final Set<String> blockedIn = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;
    private Session session;

    static int first(int x) {
        return x + 1;
    }

    static int block(RunContext run, int x) throws InterruptedException {
        blockedIn.add(run.runId());
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the node");
        }
        return x * 10;
    }

    static int last(int x) {
        return x + 1;
    }

    static int boom(int x) {
        throw new IllegalStateException("boom at " + x);
    }

    @BeforeEach
    void compile() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        blockedIn.clear();
        Pipeline chain = Pipeline.of(
                node(RunHandleTest::first).inputs("a").outputs("b").name("first"),
                node(RunHandleTest::block).inputs("run:context", "b").outputs("c").name("block"),
                node(RunHandleTest::last).inputs("c").outputs("d").name("last"));
        Pipeline failing = Pipeline.of(
                node(RunHandleTest::first).inputs("a").outputs("b").name("first"),
                node(RunHandleTest::boom).inputs("b").outputs("x").name("boom"),
                node(RunHandleTest::last).inputs("x").outputs("y").name("after"));
        session = TestProject.session(TestProject.write(dir, Map.of()),
                new TestProject(Map.of("chain", chain, "failing", failing), List.of()));
    }

    @AfterEach
    void close() {
        release.countDown();
        session.close();
    }

    private RunHandle startChain(String runId) {
        return session.start(RunSpec.builder("chain").runId(runId).build(), Injected.input("a", 1));
    }

    private RunJournal journal(String runId) {
        return new JournalStore(dir).read(runId).orElseThrow();
    }

    @Test
    void aStartedRunGoesFromPendingOrRunningToSucceededAndReturnsItsOutputs() throws Exception {
        RunHandle handle = startChain("r-ok");
        assertThat(handle.state()).isIn(RunState.PENDING, RunState.RUNNING);
        assertThat(handle.runId()).isEqualTo("r-ok");

        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(handle.state()).isEqualTo(RunState.RUNNING);
        release.countDown();
        RunResult result = handle.await(WAIT);

        assertThat(result.outputs()).containsExactly(Map.entry("d", 21));
        assertThat(result.runId()).isEqualTo("r-ok");
        assertThat(handle.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(handle.completion().toCompletableFuture().get()).isSameAs(result);
        assertThat(journal("r-ok").state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aRunWithoutARunIdGetsOneAtOnceAndTheHandlesSpecCarriesIt() throws Exception {
        release.countDown();
        RunHandle handle = session.start(RunSpec.of("chain"), Injected.input("a", 1));

        assertThat(handle.runId()).isNotNull();
        assertThat(handle.spec()).isEqualTo(RunSpec.of("chain").withRunId(handle.runId()));
        assertThat(handle.await(WAIT).runId()).isEqualTo(handle.runId());
    }

    @Test
    void aFailingNodeEndsTheRunFailedAndAwaitThrowsTheRunFailure() throws Exception {
        RunHandle handle = session.start(RunSpec.builder("failing").runId("r-fail").build(), Injected.input("a", 1));

        RunFailedException failure = catchThrowableOfType(RunFailedException.class, () -> handle.await(WAIT));

        assertThat(failure.failedNode()).isEqualTo("boom");
        assertThat(failure.runId()).isEqualTo("r-fail");
        assertThat(failure).hasMessage("Node 'boom' failed (inputs: b): IllegalStateException: boom at 2");
        assertThat(handle.state()).isEqualTo(RunState.FAILED);
        assertThatThrownBy(() -> handle.completion().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RunFailedException.class);
        assertThat(journal("r-fail").nodes()).extracting(RunJournal.NodeRecord::state)
                .containsExactly(NodeState.COMPLETED, NodeState.FAILED, NodeState.NOT_RUN);
    }

    @Test
    void aSpecThatCannotStartEndsFailedWithTheReason() throws Exception {
        RunHandle handle = session.start(RunSpec.builder("nope").runId("r-nope").build(), Injected.NONE);

        RunFailedException failure = catchThrowableOfType(RunFailedException.class, () -> handle.await(WAIT));

        assertThat(failure).hasMessage("Pipeline 'nope' is not registered by project TestProject. "
                + "Registered pipelines: __default__, chain, failing.");
        assertThat(failure.runId()).isEqualTo("r-nope");
        assertThat(failure.failedNode()).isNull();
        assertThat(failure.resume()).isNull();
        assertThat(handle.state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void cancellingARunningRunInterruptsTheWaitingNodeAndLeavesTheRestNotRun() throws Exception {
        RunHandle handle = startChain("r-cancel");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(handle.cancel()).isTrue();

        RunCancelledException cancelled = catchThrowableOfType(RunCancelledException.class, () -> handle.await(WAIT));
        assertThat(cancelled.runId()).isEqualTo("r-cancel");
        assertThat(cancelled).hasMessage("Run r-cancel of pipeline 'chain' was cancelled.");
        assertThat(handle.state()).isEqualTo(RunState.CANCELLED);
        assertThat(handle.cancel()).as("a second cancel changes nothing").isFalse();

        RunJournal journal = journal("r-cancel");
        assertThat(journal.state()).isEqualTo(RunState.CANCELLED);
        assertThat(journal.parts().get(0).state()).isEqualTo(RunState.CANCELLED);
        // the interrupted node ended by throwing InterruptedException: it is recorded as cancelled, with that error
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("block", NodeState.CANCELLED),
                        org.assertj.core.groups.Tuple.tuple("last", NodeState.NOT_RUN));
        assertThat(journal.nodes().get(1).error()).contains("InterruptedException");
        assertThat(journal.error()).isEqualTo("Run r-cancel of pipeline 'chain' was cancelled.");
        List<String> lines = Files.readAllLines(dir.resolve(".sluice/runs/r-cancel/run.jsonl"));
        assertThat(lines.get(lines.size() - 1)).contains("\"event\":\"finished\"", "\"state\":\"cancelled\"");
    }

    @Test
    void aCancelledRunLeavesNoInterruptOnItsThreadForTheNextRun() throws Exception {
        RunHandle cancelledRun = startChain("r-first");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        cancelledRun.cancel();
        catchThrowableOfType(RunCancelledException.class, () -> cancelledRun.await(WAIT));

        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        release.countDown();
        // the executor reuses the idle thread: a leftover interrupt would fail the waiting node
        assertThat(startChain("r-second").await(WAIT).outputs()).containsEntry("d", 21);
    }

    @Test
    void aRunCancelledBeforeItStartsNeverRunsANode() throws Exception {
        int beforeStart = 0;
        for (int i = 0; i < 40 && beforeStart < 3; i++) {
            String runId = "r-early-" + i;
            RunHandle handle = startChain(runId);
            assertThat(handle.cancel()).isTrue();

            RunCancelledException cancelled = catchThrowableOfType(RunCancelledException.class,
                    () -> handle.await(WAIT));

            assertThat(handle.state()).isEqualTo(RunState.CANCELLED);
            if (cancelled.getMessage().endsWith("was cancelled before it started.")) {
                beforeStart++;
                assertThat(blockedIn).doesNotContain(runId);
                assertThat(dir.resolve(".sluice/runs/" + runId)).as("no journal: it never started").doesNotExist();
            } else {
                assertThat(journal(runId).state()).isEqualTo(RunState.CANCELLED);
            }
        }
        // start returns before the run's thread picks the run up: cancelling at once catches some pending
        assertThat(beforeStart).isPositive();
    }

    @Test
    void cancellingAPendingHandleEndsItAtOnceAndItNeverBegins() {
        StartedRun handle = new StartedRun(RunSpec.of("chain").withRunId("r-pending"));
        assertThat(handle.state()).isEqualTo(RunState.PENDING);

        assertThat(handle.cancel()).isTrue();

        assertThat(handle.state()).isEqualTo(RunState.CANCELLED);
        assertThat(handle.begin()).as("the run's thread finds it cancelled").isFalse();
        assertThatThrownBy(() -> handle.await(Duration.ZERO)).isInstanceOf(RunCancelledException.class)
                .hasMessage("Run r-pending of pipeline 'chain' was cancelled before it started.");
        assertThat(handle.cancel()).isFalse();
    }

    @Test
    void cancellingARunThatEndedChangesNothing() throws Exception {
        release.countDown();
        RunHandle handle = startChain("r-done");
        handle.await(WAIT);

        assertThat(handle.cancel()).isFalse();
        assertThat(handle.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal("r-done").state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void awaitGivesUpAfterItsTimeoutAndTheRunGoesOn() throws Exception {
        RunHandle handle = startChain("r-slow");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> handle.await(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class)
                .hasMessage("run r-slow of pipeline 'chain' is still running after PT0.02S");

        assertThat(handle.state()).isEqualTo(RunState.RUNNING);
        release.countDown();
        assertThat(handle.await(WAIT).outputs()).containsEntry("d", 21);
    }

    @Test
    void closingTheSessionCancelsTheRunsStillGoing() throws Exception {
        RunHandle handle = startChain("r-closed");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        session.close();

        assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(RunCancelledException.class);
        assertThat(handle.state()).isEqualTo(RunState.CANCELLED);
        assertThat(journal("r-closed").state()).isEqualTo(RunState.CANCELLED);
    }

    @Test
    void aSessionThatWasClosedStartsNoMoreRuns() throws Exception {
        session.close();

        RunHandle handle = startChain("r-after-close");

        assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(RunFailedException.class)
                .hasMessage("Session is closed: run r-after-close was not started.");
        assertThat(handle.state()).isEqualTo(RunState.FAILED);
        assertThat(blockedIn).isEmpty();
    }
}
