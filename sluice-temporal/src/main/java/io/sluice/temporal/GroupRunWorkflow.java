package io.sluice.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One Sluice run as a Temporal workflow (its id is the run id): runs the groups of
 * {@link RunInput} as {@link GroupActivities} in dependency order, up to the parallelism at a
 * time, and answers the {@code status} query.
 */
@WorkflowInterface
public interface GroupRunWorkflow {
    /** The workflow type's name in Temporal. */
    String TYPE = "SluiceGroupRun";

    /**
     * Runs every group; fails naming the group (and node) whose attempts ran out, or at once on an
     * error that is not retried.
     */
    @WorkflowMethod(name = TYPE)
    RunStatus run(RunInput input);

    /** The state of the run and of each group. */
    @QueryMethod
    RunStatus status();
}
