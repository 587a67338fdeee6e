package io.sluice.session;

import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The handle of a run started by {@link Session#start}: pending on the session's executor, then running on it. */
final class StartedRun implements RunHandle {
    private final RunSpec spec;
    final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private RunState state = RunState.PENDING;

    StartedRun(RunSpec spec) {
        this.spec = spec;
    }

    @Override
    public String runId() {
        return spec.runId();
    }

    @Override
    public RunSpec spec() {
        return spec;
    }

    @Override
    public synchronized RunState state() {
        return state;
    }

    /** On the run's thread: moves to running, unless it was cancelled while pending (then false). */
    synchronized boolean begin() {
        if (state != RunState.PENDING) {
            return false;
        }
        state = RunState.RUNNING;
        return true;
    }

    void succeeded(RunResult r) {
        synchronized (this) {
            state = RunState.SUCCEEDED;
        }
        result.complete(r);
    }

    /**
     * Ends the run with {@code error}: cancelled for a {@link RunCancelledException}, else failed
     * with a {@link RunFailedException} (a spec that could not start fails with its reason as the
     * message, as {@link RunHandle#await} promises). A handle that already ended (cancelled while
     * pending) keeps its end.
     */
    void ended(Throwable error) {
        Throwable end = error instanceof RunCancelledException || error instanceof RunFailedException ? error
                : new RunFailedException(error.getMessage(), spec.runId(), null, null, error);
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            state = end instanceof RunCancelledException ? RunState.CANCELLED : RunState.FAILED;
        }
        result.completeExceptionally(end);
    }

    @Override
    public boolean cancel() {
        boolean pending;
        synchronized (this) {
            if (state.isFinal()) {
                return false;
            }
            pending = state == RunState.PENDING;
            if (pending) {
                state = RunState.CANCELLED;
            }
        }
        boolean changed = cancellation.cancel();
        if (pending) {
            result.completeExceptionally(new RunCancelledException(spec.runId(), "Run " + spec.runId()
                    + " of pipeline '" + spec.pipeline() + "' was cancelled before it started."));
        }
        return changed;
    }

    @Override
    public RunResult await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        } catch (TimeoutException e) {
            throw new TimeoutException("run " + spec.runId() + " of pipeline '" + spec.pipeline()
                    + "' is still " + state().jsonName() + " after " + timeout);
        }
    }

    @Override
    public CompletionStage<RunResult> completion() {
        return result.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "RunHandle[" + spec.runId() + ", " + spec.pipeline() + ", " + state() + "]";
    }
}
