package io.sluice.temporal;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workflow of one run (deterministic: it only reads its input and the activities' results).
 * A group starts once every group it reads from succeeded; a group whose attempts ran out (or whose
 * error is not retried) stops further groups, the running ones are awaited, and the run fails
 * naming the group and its node. Cancelling the workflow cancels the running groups' activities.
 * Public for Temporal, which instantiates it once per workflow run.
 */
public final class GroupRunWorkflowImpl implements GroupRunWorkflow {
    private final Map<String, RunStatus.GroupStatus> groups = new LinkedHashMap<>();
    private final List<Ended> ended = new ArrayList<>();
    private String runId;
    private String state = "running";
    private String error;

    /** An activity that ended: its result or its failure. */
    private record Ended(String group, GroupOutcome outcome, RuntimeException failure) {
    }

    public GroupRunWorkflowImpl() {
    }

    @Override
    public RunStatus run(RunInput input) {
        runId = input.runId();
        input.done().forEach(g -> groups.put(g, new RunStatus.GroupStatus(g, "done", 0, null, null)));
        input.groups().forEach(g -> groups.put(g.group(), new RunStatus.GroupStatus(g.group(), "pending", 0, null,
                null)));
        GroupActivities activities = Workflow.newActivityStub(GroupActivities.class, options(input));
        Map<String, RunInput.GroupTask> tasks = input.byId();
        List<String> pending = new ArrayList<>(tasks.keySet());
        Set<String> succeeded = new HashSet<>(input.done());
        Set<String> running = new LinkedHashSet<>();
        String failed = null;
        String failedMessage = null;
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                if (failed == null) {
                    for (String g : List.copyOf(pending)) {
                        if (running.size() >= input.parallelism()) {
                            break;
                        }
                        if (succeeded.containsAll(tasks.get(g).needs())) {
                            pending.remove(g);
                            running.add(g);
                            groups.put(g, groups.get(g).with("running", 0, null, null));
                            Promise<GroupOutcome> p = Async.function(activities::runGroup, tasks.get(g));
                            p.handle((r, f) -> {
                                ended.add(new Ended(g, r, f));
                                return null;
                            });
                        }
                    }
                }
                if (running.isEmpty()) {
                    break; // a failure: nothing runs and nothing may start
                }
                Workflow.await(() -> !ended.isEmpty());
                for (Ended e : List.copyOf(ended)) {
                    ended.remove(e);
                    running.remove(e.group());
                    if (e.failure() == null) {
                        succeeded.add(e.group());
                        groups.put(e.group(), groups.get(e.group()).with("done", e.outcome().attempt(),
                                e.outcome().worker(), null));
                    } else {
                        GroupFailure details = details(e.failure());
                        String message = message(e.failure());
                        groups.put(e.group(), groups.get(e.group()).with("failed",
                                details == null ? 0 : details.attempt(), details == null ? null : details.worker(),
                                message));
                        if (failed == null) {
                            failed = e.group();
                            failedMessage = message;
                        }
                    }
                }
            }
        } catch (CanceledFailure c) {
            state = "cancelled";
            error = "Run " + runId + " was cancelled.";
            groups.replaceAll((g, s) -> s.state().equals("running") || s.state().equals("pending")
                    ? s.with("cancelled", s.attempts(), s.worker(), s.error()) : s);
            throw c;
        }
        if (failed != null) {
            pending.removeAll(succeeded);
            state = "failed";
            error = "Group " + failed + " of run " + runId + " (pipeline " + input.pipeline() + ") failed: "
                    + failedMessage + (pending.isEmpty() ? "" : " Not started: " + String.join(", ", pending) + ".");
            RunStatus.GroupStatus s = groups.get(failed);
            throw ApplicationFailure.newNonRetryableFailure(error, "SluiceGroupFailed",
                    new GroupFailure(failed, s.worker(), s.attempts(), null));
        }
        state = "succeeded";
        return status();
    }

    @Override
    public RunStatus status() {
        return new RunStatus(runId, state, List.copyOf(groups.values()), error);
    }

    private static ActivityOptions options(RunInput in) {
        RetryOptions retry = RetryOptions.newBuilder()
                .setMaximumAttempts(in.maxAttempts())
                .setInitialInterval(Duration.ofMillis(in.initialIntervalMs()))
                .setMaximumInterval(Duration.ofMillis(in.maxIntervalMs()))
                .setBackoffCoefficient(in.backoff())
                .setDoNotRetry(in.nonRetryable().toArray(String[]::new))
                .build();
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMillis(in.startToCloseMs()))
                .setHeartbeatTimeout(Duration.ofMillis(in.heartbeatMs()))
                .setRetryOptions(retry)
                .setCancellationType(ActivityCancellationType.TRY_CANCEL)
                .build();
    }

    /** The worker's details of the last failed attempt, when it sent them. */
    private static GroupFailure details(RuntimeException failure) {
        if (failure instanceof ActivityFailure a && a.getCause() instanceof ApplicationFailure app
                && app.getDetails() != null && app.getDetails().getSize() > 0) {
            return app.getDetails().get(GroupFailure.class);
        }
        return null;
    }

    /** What went wrong, in words: the node error's message, or the timeout. */
    private static String message(RuntimeException failure) {
        Throwable cause = failure instanceof ActivityFailure a && a.getCause() != null ? a.getCause() : failure;
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure t) {
            return "timed out (" + t.getTimeoutType().name().replace("TIMEOUT_TYPE_", "").toLowerCase(
                    java.util.Locale.ROOT).replace('_', ' ') + ") on every attempt.";
        }
        if (cause instanceof TemporalFailure tf) {
            return tf.getOriginalMessage();
        }
        return String.valueOf(cause.getMessage());
    }
}
