package io.sluice.temporal;

import java.util.List;
import java.util.Map;

/**
 * What the client hands the workflow of one run: the groups to run with their group-run specs and
 * the groups each reads from, and the scheduling and retry settings of the launcher entry. Plain
 * data (Temporal stores it in the workflow's history as JSON).
 *
 * @param runId           the run id (also the workflow id)
 * @param pipeline        the registered pipeline
 * @param groups          the groups to run, in dependency order (groups already done left out)
 * @param done            groups of this run id that succeeded before this workflow started
 * @param parallelism     groups at a time
 * @param startToCloseMs  one attempt at most
 * @param heartbeatMs     the heartbeat timeout
 * @param maxAttempts     attempts per group
 * @param initialIntervalMs the first retry's wait
 * @param maxIntervalMs   the longest wait
 * @param backoff         the wait's growth
 * @param nonRetryable    error types that are not retried
 */
public record RunInput(String runId, String pipeline, List<GroupTask> groups, List<String> done, int parallelism,
                       long startToCloseMs, long heartbeatMs, int maxAttempts, long initialIntervalMs,
                       long maxIntervalMs, double backoff, List<String> nonRetryable) {

    /**
     * One group: its id, the groups it reads from, and its run spec as JSON.
     *
     * @param group the group id
     * @param needs the groups it reads from
     * @param spec  the group-run spec ({@code RunSpec.toJson()})
     */
    public record GroupTask(String group, List<String> needs, String spec) {
    }

    /** The group ids of {@link #groups}. */
    Map<String, GroupTask> byId() {
        Map<String, GroupTask> m = new java.util.LinkedHashMap<>();
        groups.forEach(g -> m.put(g.group(), g));
        return m;
    }
}
