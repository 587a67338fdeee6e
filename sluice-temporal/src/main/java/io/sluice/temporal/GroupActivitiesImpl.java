package io.sluice.temporal;

import io.sluice.SluiceException;
import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's group activity: runs the group's spec in the worker's compiled session (the
 * group-run contract: versions pinned to the run id, the group's own journal part, the grouping
 * the spec carries), heartbeating with the nodes completed so far. Every attempt starts with
 * {@link Session#startAttempt}: a retry goes on from the journal part an earlier attempt left, so
 * an attempt lost after its saves (a worker killed before it reported) writes nothing twice. A cancellation or a lost heartbeat (the run was cancelled, the
 * attempt timed out) cancels the group's run; a node error becomes a failure of the node error's
 * class (retried unless the entry lists it as non-retryable); a spec that cannot run is not
 * retried.
 */
final class GroupActivitiesImpl implements GroupActivities {
    private static final Logger LOG = LoggerFactory.getLogger(GroupActivitiesImpl.class);
    /** How long a cancelled group's run may take to stop before the attempt gives up on it. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

    private final Session session;
    private final String identity;

    GroupActivitiesImpl(Session session, String identity) {
        this.session = session;
        this.identity = identity;
    }

    /** Counts the group's nodes as they complete, for the heartbeat. */
    private static final class Progress implements Hook {
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<String> last = new AtomicReference<>();

        @Override
        public void onNodeCompleted(RunContext run, Node node) {
            last.set(node.name());
            done.incrementAndGet();
        }
    }

    @Override
    public GroupOutcome runGroup(RunInput.GroupTask task) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        int attempt = ctx.getInfo().getAttempt();
        RunSpec spec = RunSpec.fromJson(task.spec());
        Progress progress = new Progress();
        ctx.heartbeat(new Heartbeat(task.group(), identity, attempt, 0, null));
        long start = System.nanoTime();
        LOG.info("Group {} of run {} (attempt {}) starting.", task.group(), spec.runId(), attempt);
        RunHandle handle;
        try {
            // a retried group goes on from the journal part an earlier attempt left: what it saved is not saved again
            handle = session.startAttempt(spec, Injected.hook(progress));
        } catch (IllegalStateException stillHeld) { // an earlier attempt still runs somewhere: a later one may not
            throw ApplicationFailure.newFailure(stillHeld.getMessage(), "SluiceGroupStillRunning",
                    failure(task, attempt, null));
        }
        Duration heartbeat = ctx.getInfo().getHeartbeatTimeout();
        Duration beat = Duration.ofMillis(Math.max(50, Math.min(1000,
                (heartbeat.isZero() ? 3000 : heartbeat.toMillis()) / 4)));
        try {
            while (true) {
                try {
                    RunResult done = handle.await(beat);
                    LOG.info("Group {} of run {} (attempt {}) succeeded.", task.group(), spec.runId(), attempt);
                    return new GroupOutcome(task.group(), identity, attempt, done.journal().nodes().size(),
                            (System.nanoTime() - start) / 1_000_000);
                } catch (TimeoutException stillRunning) {
                    ctx.heartbeat(new Heartbeat(task.group(), identity, attempt, progress.done.get(),
                            progress.last.get()));
                }
            }
        } catch (ActivityCompletionException cancelled) {
            LOG.info("Group {} of run {} (attempt {}) cancelled: {}", task.group(), spec.runId(), attempt,
                    cancelled.toString());
            stop(handle);
            throw cancelled;
        } catch (InterruptedException interrupted) { // the worker shuts down
            stop(handle);
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("Worker " + identity + " stopped while group " + task.group()
                    + " ran; the group is retried.", "SluiceWorkerStopped", failure(task, attempt, null));
        } catch (RunCancelledException cancelled) {
            throw ApplicationFailure.newFailure(cancelled.getMessage(), "SluiceGroupCancelled",
                    failure(task, attempt, null));
        } catch (RunFailedException failed) {
            Throwable cause = userError(failed);
            if (failed.failedNode() == null) {
                if (cause instanceof SluiceException) { // the group could not start: no attempt can fix that
                    throw ApplicationFailure.newNonRetryableFailure(failed.getMessage(), cause.getClass().getName(),
                            failure(task, attempt, null));
                }
                throw ApplicationFailure.newFailure(failed.getMessage(), cause.getClass().getName(),
                        failure(task, attempt, null));
            }
            throw ApplicationFailure.newFailure("node " + failed.failedNode() + " failed: " + cause.getClass()
                    .getName() + ": " + firstLine(cause), cause.getClass().getName(),
                    failure(task, attempt, failed.failedNode()));
        } catch (SluiceException cannotRun) {
            throw ApplicationFailure.newNonRetryableFailure(cannotRun.getMessage(), cannotRun.getClass().getName(),
                    failure(task, attempt, null));
        }
    }

    private GroupFailure failure(RunInput.GroupTask task, int attempt, String node) {
        return new GroupFailure(task.group(), identity, attempt, node);
    }

    /** Cancels the group's run and waits (bounded) until its nodes have stopped. */
    private static void stop(RunHandle handle) {
        handle.cancel();
        try {
            handle.await(CANCEL_GRACE);
        } catch (TimeoutException | RuntimeException | InterruptedException ignored) {
            // ended as cancelled (or still stopping after the grace): the attempt is over either way
        }
    }

    /** The error below Sluice's wrappers: what the node threw. */
    private static Throwable userError(RunFailedException failed) {
        Throwable t = failed;
        while (t instanceof SluiceException && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
