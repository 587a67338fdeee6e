package io.sluice.runner;

/**
 * Decides how and where the nodes of a run execute. The session gives it a {@link Schedule}
 * (who waits for whom) and a {@link NodeTask} (what running one node means: loading, hooks,
 * saving, journal); a runner only orders and places the calls.
 *
 * <p>Contract: every node runs at most once and only after all its parents completed; the first
 * failure stops the scheduling of new nodes, nodes already started are allowed to finish, and
 * {@link #run} then throws a {@link NodeFailedException} for that first failure. Implementations
 * must be safe to use from several runs at once. A runner that runs nodes on a pool of threads
 * calls {@link NodeTask#attempt} rather than {@link NodeTask#run}, so that a node waiting out the
 * backoff before a retry holds no thread (see {@link ParallelRunner}).
 *
 * <p>Custom runners implement this interface. Declared in {@code runners.yml}
 * ({@code mine: {type: com.acme.MyRunner, chunk: 4}}), they have a public constructor taking a
 * record of their arguments (bound from the entry's keys) or none; a {@link RunnerType} gives one
 * a short name. Named on the command line ({@code sluice run --runner com.acme.MyRunner}), they
 * have a public no-argument constructor or one taking {@code int maxWorkers}. See
 * {@link RunnerCatalog}.
 */
public interface Runner {
    /** Runs all nodes of {@code schedule} with {@code task}. */
    void run(Schedule schedule, NodeTask task) throws NodeFailedException;

    /** A short name for logs and the journal. */
    default String name() {
        return getClass().getSimpleName();
    }
}
