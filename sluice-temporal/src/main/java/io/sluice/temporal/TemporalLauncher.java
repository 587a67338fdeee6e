package io.sluice.temporal;

import io.sluice.journal.JournalStore;
import io.sluice.launch.Launch;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.process.GroupPlan;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The launcher of one {@code temporal} entry: plans the run like the {@code process} launcher
 * ({@link GroupPlan}: the grouping validated before anything starts, groups of the run id that
 * succeeded skipped), starts the workflow whose id is the run id — or attaches to it when a
 * workflow of that id exists — prints the workflow id, and follows the run until it ends. A stop
 * signal (Ctrl-C, SIGTERM, {@code --detach}) only stops following: the run goes on in Temporal.
 */
final class TemporalLauncher implements Launcher {
    private static final Duration POLL = Duration.ofMillis(250);

    private final LauncherConfig<TemporalConfig> config;

    TemporalLauncher(LauncherConfig<TemporalConfig> config) {
        this.config = config;
    }

    @Override
    public List<RunResult> launch(Launch launch) throws Exception {
        TemporalConfig c = config.args();
        Path projectDir = launch.session().options().projectDir().toAbsolutePath();
        // the client's classes load beside the planning; the stubs connect at their first call, after it
        CompletableFuture<Connection> opening = CompletableFuture.supplyAsync(() -> Connection.open(c, projectDir,
                config.name()));
        GroupPlan plan;
        try {
            plan = GroupPlan.of(launch, "temporal launcher '" + config.name() + "'",
                    "as a Temporal activity on a sluice worker", c.groupBy());
        } catch (RuntimeException | Error refused) {
            opening.thenAccept(Connection::close);
            throw refused;
        }
        PrintWriter out = launch.out();
        String runId = plan.runId();
        new RunMarker(config.name(), plan.env(), c.address(), c.namespace(), c.taskQueue()).write(projectDir, runId);
        try (Connection connection = opened(opening)) {
            say(out, "Temporal run " + runId + " of pipeline " + plan.pipeline() + " in " + plan.groupIds().size()
                    + " groups (" + plan.grouping().strategy() + "), " + c.parallelism() + " at a time, on task queue "
                    + c.taskQueue() + " at " + c.address() + " (namespace " + c.namespace() + ")"
                    + (plan.done().isEmpty() ? "" : "; already succeeded: " + String.join(", ", plan.done())) + ".");
            boolean started = start(connection, input(plan, launch.entry().wraps(), c));
            say(out, "Workflow id: " + runId + (started ? "" : " (it exists already: attached to it)"));
            return follow(connection, plan, launch, projectDir);
        }
    }

    /** The connection {@code opening} made, or what kept it from being made (a TLS file, say). */
    private static Connection opened(CompletableFuture<Connection> opening) throws InterruptedException {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The workflow's input: the plan's pending groups with their specs, and the entry's settings. */
    static RunInput input(GroupPlan plan, String runner, TemporalConfig c) {
        List<RunInput.GroupTask> tasks = new ArrayList<>();
        for (String g : plan.pending()) {
            tasks.add(new RunInput.GroupTask(g, List.copyOf(plan.needs().get(g)), plan.specOf(g, runner).toJson()));
        }
        TemporalConfig.Retry r = c.retry();
        return new RunInput(plan.runId(), plan.pipeline(), tasks, List.copyOf(plan.done()), c.parallelism(),
                c.startToClose().toMillis(), c.heartbeat().toMillis(), r.maxAttempts(), r.initialInterval().toMillis(),
                r.maxInterval().toMillis(), r.backoff(), r.nonRetryable());
    }

    /** Starts the workflow; false when a workflow of the run id exists (running, or succeeded). */
    private boolean start(Connection connection, RunInput input) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(input.runId())
                .setTaskQueue(connection.config.taskQueue())
                // a failed or cancelled run id may be launched again (its succeeded groups are skipped)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build();
        WorkflowStub stub = connection.client.newUntypedWorkflowStub(GroupRunWorkflow.TYPE, options);
        try {
            stub.start(input);
            return true;
        } catch (WorkflowExecutionAlreadyStarted exists) {
            return false;
        }
    }

    private List<RunResult> follow(Connection connection, GroupPlan plan, Launch launch, Path projectDir)
            throws Exception {
        String runId = plan.runId();
        PrintWriter out = launch.out();
        WorkflowStub stub = connection.client.newUntypedWorkflowStub(runId, Optional.empty(),
                Optional.of(GroupRunWorkflow.TYPE));
        CompletableFuture<RunStatus> result = stub.getResultAsync(RunStatus.class);
        Map<String, String> shown = new HashMap<>();
        while (!result.isDone()) {
            try { // wakes at once when the run ends, not at the next poll
                result.get(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | ExecutionException stillRunningOrEnded) {
                // ended ones are read below
            }
            if (result.isDone()) {
                break;
            }
            if (launch.stop().fired()) {
                say(out, "Not following run " + runId + " any more; it goes on in Temporal. Follow it again: sluice run -p "
                        + plan.pipeline() + " --runner " + config.name() + " --run-id " + runId + "; see it: sluice runs "
                        + "show " + runId + "; stop it: sluice runs cancel " + runId + ".");
                return List.of();
            }
            TemporalRuns.query(stub).ifPresent(s -> report(out, s, shown));
        }
        RunStatus status;
        try {
            status = result.get();
        } catch (ExecutionException e) {
            throw ended(runId, e.getCause());
        }
        report(out, status, shown);
        var described = stub.describe(); // the workflow's own span, without this JVM's start and connection
        Duration took = described.getCloseTime() == null || described.getStartTime() == null ? null
                : Duration.between(described.getStartTime(), described.getCloseTime());
        say(out, "Run " + runId + ": all " + status.groups().size() + " groups succeeded" + (took == null ? "."
                : String.format(java.util.Locale.ROOT, " (workflow %.2f s from start to close).",
                took.toMillis() / 1000.0)));
        JournalStore journals = new JournalStore(projectDir);
        if (journals.read(runId).isEmpty()) {
            return List.of(); // the workers write the journal where they run: not here
        }
        return List.of(new RunResult(runId, plan.pipeline(), Map.of(),
                () -> journals.read(runId).orElseThrow(() -> new IllegalStateException("run " + runId
                        + " left no journal"))));
    }

    /** The exception of a run that did not succeed: failed naming the group and node, or cancelled. */
    private Exception ended(String runId, Throwable cause) {
        if (cause instanceof WorkflowFailedException failed) {
            Throwable why = failed.getCause();
            if (why instanceof CanceledFailure) {
                return new RunCancelledException(runId, "Run " + runId + " was cancelled (sluice runs show " + runId
                        + " shows which groups ran). Launch it again with --run-id " + runId + " to run the groups that "
                        + "did not succeed.");
            }
            if (why instanceof ApplicationFailure app) {
                GroupFailure details = app.getDetails() != null && app.getDetails().getSize() > 0
                        ? app.getDetails().get(GroupFailure.class) : null;
                return new RunFailedException(app.getOriginalMessage() + " sluice runs show " + runId + " shows every "
                        + "group; launch again with --runner " + config.name() + " --run-id " + runId + " to run the "
                        + "groups that did not succeed.", runId, details == null ? null : details.node(), null, failed);
            }
            return new RunFailedException("Run " + runId + " failed: " + (why == null ? failed : why).getMessage(),
                    runId, null, null, failed);
        }
        return cause instanceof Exception e ? e : new RuntimeException(cause);
    }

    /** Prints each group whose state changed since the last report. */
    private static void report(PrintWriter out, RunStatus status, Map<String, String> shown) {
        for (RunStatus.GroupStatus g : status.groups()) {
            String key = g.state() + "/" + g.attempts();
            if (key.equals(shown.put(g.group(), key))) {
                continue;
            }
            switch (g.state()) {
                case "running" -> say(out, "Group " + g.group() + " running.");
                case "done" -> say(out, g.attempts() == 0 ? "Group " + g.group() + " succeeded before."
                        : "Group " + g.group() + " succeeded on worker " + g.worker() + " (attempt " + g.attempts() + ").");
                case "failed" -> say(out, "Group " + g.group() + " failed" + (g.worker() == null ? ""
                        : " on worker " + g.worker() + " (attempt " + g.attempts() + ")") + ": " + g.error());
                case "cancelled" -> say(out, "Group " + g.group() + " cancelled.");
                default -> { }
            }
        }
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
