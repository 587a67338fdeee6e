package io.sluice.temporal;

import java.util.List;

/**
 * The workflow's view of one run, as its {@code status} query answers: the run's state and each
 * group's.
 *
 * @param runId  the run id
 * @param state  {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param groups every group of the run, in dependency order
 * @param error  the run's error, or {@code null}
 */
public record RunStatus(String runId, String state, List<GroupStatus> groups, String error) {

    public RunStatus {
        groups = List.copyOf(groups);
    }

    /**
     * One group: {@code pending}, {@code running}, {@code done} (before this workflow: {@code done}
     * with attempts 0), {@code failed} or {@code cancelled}.
     *
     * @param group    the group id
     * @param state    its state
     * @param attempts the attempts the workflow saw end (0 while the first runs)
     * @param worker   the worker of the last attempt that ended, or {@code null}
     * @param error    the last attempt's error, or {@code null}
     */
    public record GroupStatus(String group, String state, int attempts, String worker, String error) {
        GroupStatus with(String newState, int newAttempts, String newWorker, String newError) {
            return new GroupStatus(group, newState, newAttempts, newWorker, newError);
        }
    }
}
