package io.sluice.run;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * A run started without waiting for it: its id at once, its state at any time, its result when
 * it ends, and a way to stop it. What {@code Session.start} returns, and what a launcher that runs
 * elsewhere (another process, a cluster) returns too.
 *
 * <p>Cancellation is cooperative: no node starts once {@link #cancel()} was called, and nodes
 * running at that moment are interrupted ({@link Thread#interrupt()}) while they execute their
 * function — a node that waits or checks its thread's interrupt flag stops early, one that only
 * computes finishes. Loads and saves are never interrupted, so no dataset is left half-written.
 */
public interface RunHandle {
    /** The run's id. */
    String runId();

    /** What the run was asked to do, its run id filled in. */
    RunSpec spec();

    /** The current state. */
    RunState state();

    /**
     * Waits up to {@code timeout} for the run to end.
     *
     * @return the result of a successful run
     * @throws RunFailedException    if the run failed (or could not start)
     * @throws RunCancelledException if the run was cancelled
     * @throws TimeoutException      if it is still going after {@code timeout}
     * @throws InterruptedException  if the waiting thread is interrupted (the run goes on)
     */
    RunResult await(Duration timeout) throws TimeoutException, InterruptedException;

    /**
     * Asks the run to stop (see the class comment). Returns whether this call changed anything:
     * false when the run had already ended or was already cancelled.
     */
    boolean cancel();

    /**
     * Completes with the result, or exceptionally with the {@link RunFailedException} or
     * {@link RunCancelledException}, when the run ends; for callbacks that must not block.
     */
    CompletionStage<RunResult> completion();
}
