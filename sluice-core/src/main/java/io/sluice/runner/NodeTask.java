package io.sluice.runner;

/** Runs one node of a {@link Schedule}: loads its inputs, calls it, saves its outputs. */
@FunctionalInterface
public interface NodeTask {
    /**
     * Runs node {@code node} to its end, retries included: a retry's backoff is waited out on the
     * calling thread. Any exception fails the run.
     */
    void run(int node) throws Exception;

    /**
     * Runs one attempt of node {@code node}, for runners that spend a retry's backoff on other
     * nodes instead of holding a thread. Returns {@code true} when the node is done. Returns
     * {@code false} when the attempt failed and the node's retry rule tries it again: then
     * {@code retryDue} is run once, on any thread, when the backoff has passed (at once when the
     * run is cancelled), and the runner calls {@code attempt} for the node again, on any thread.
     * {@code retryDue} must only hand the node back to the runner (it may run on a timer thread,
     * or on this one before {@code attempt} returns). Throws when the node failed for good.
     *
     * <p>The default runs the whole node with {@link #run} and returns {@code true}.
     */
    default boolean attempt(int node, Runnable retryDue) throws Exception {
        run(node);
        return true;
    }
}
