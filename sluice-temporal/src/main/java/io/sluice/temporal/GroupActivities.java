package io.sluice.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The activity a worker executes for one group: the group-run contract of {@link RunInput.GroupTask}. */
@ActivityInterface
public interface GroupActivities {
    /** The activity type's name in Temporal. */
    String TYPE = "SluiceRunGroup";

    /**
     * Runs the group's spec in the worker's compiled session, heartbeating as nodes complete.
     *
     * @throws io.temporal.failure.ApplicationFailure naming the node for a failed node (type: the
     *         node error's class name), non-retryable for a spec that cannot run
     */
    @ActivityMethod(name = TYPE)
    GroupOutcome runGroup(RunInput.GroupTask task);
}
