package io.sluice.temporal;

import io.sluice.SluiceException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the command line asks of a Temporal run: its workflow's state (for {@code sluice runs show})
 * and its cancellation ({@code sluice runs cancel}).
 */
public final class TemporalRuns {
    /** How long a status query may take (it needs a worker to answer). */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private TemporalRuns() {
    }

    /**
     * The workflow of one run as Temporal sees it.
     *
     * @param workflowId the workflow id (the run id)
     * @param execution  Temporal's state of the execution: {@code running}, {@code completed},
     *                   {@code failed}, {@code canceled}, {@code terminated}, {@code timed_out}
     * @param status     the workflow's own view of its groups, or empty when no worker answered
     * @param attempts   the groups running now, with their current attempt and worker
     */
    public record View(String workflowId, String execution, Optional<RunStatus> status, List<Attempt> attempts) {
    }

    /**
     * A group's activity in progress.
     *
     * @param group     the group id (from its heartbeat; {@code null} before the first)
     * @param attempt   the current attempt
     * @param worker    the worker that last took it
     * @param nodesDone nodes the attempt completed so far
     * @param lastError the error of the previous attempt, or {@code null}
     */
    public record Attempt(String group, int attempt, String worker, int nodesDone, String lastError) {
    }

    /**
     * Reads the workflow of run {@code runId}.
     *
     * @param entry the runner entry's name, for messages
     * @throws SluiceException when Temporal has no workflow of that id, or cannot be reached
     */
    public static View view(TemporalConfig config, Path projectDir, String entry, String runId) {
        try (Connection c = Connection.open(config, projectDir, entry)) {
            WorkflowStub stub = c.client.newUntypedWorkflowStub(runId, Optional.empty(),
                    Optional.of(GroupRunWorkflow.TYPE));
            var description = stub.describe();
            WorkflowExecutionStatus s = description.getStatus();
            String execution = s.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
            Optional<RunStatus> status;
            if (s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                status = Optional.of(stub.getResult(RunStatus.class)); // from the history: no worker needed
            } else {
                status = query(stub);
            }
            DataConverter converter = c.client.getOptions().getDataConverter();
            List<Attempt> attempts = new ArrayList<>();
            for (PendingActivityInfo a : description.getRawDescription().getPendingActivitiesList()) {
                Heartbeat beat = a.hasHeartbeatDetails() ? converter.fromPayloads(0,
                        Optional.of(a.getHeartbeatDetails()), Heartbeat.class, Heartbeat.class) : null;
                attempts.add(new Attempt(beat == null ? null : beat.group(), a.getAttempt(),
                        a.getLastWorkerIdentity().isEmpty() ? null : a.getLastWorkerIdentity(),
                        beat == null ? 0 : beat.nodesDone(),
                        a.hasLastFailure() ? a.getLastFailure().getMessage() : null));
            }
            return new View(runId, execution, status, attempts);
        } catch (WorkflowNotFoundException e) {
            throw new SluiceException("Temporal (" + config.address() + ", namespace " + config.namespace()
                    + ") has no workflow '" + runId + "': it was never started there, or its history was deleted "
                    + "after the namespace's retention period.", e);
        } catch (io.temporal.client.WorkflowServiceException | io.grpc.StatusRuntimeException e) {
            throw unreachable(config, entry, e);
        }
    }

    /**
     * Asks Temporal to cancel the workflow of run {@code runId}: its running groups are cancelled
     * (each stops at its next heartbeat, its journal part saying so) and no group starts any more.
     *
     * @return the execution state after the request
     */
    public static String cancel(TemporalConfig config, Path projectDir, String entry, String runId) {
        try (Connection c = Connection.open(config, projectDir, entry)) {
            WorkflowStub stub = c.client.newUntypedWorkflowStub(runId, Optional.empty(),
                    Optional.of(GroupRunWorkflow.TYPE));
            WorkflowExecutionStatus before = stub.describe().getStatus();
            if (before != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                return before.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
            }
            stub.cancel("sluice runs cancel " + runId);
            return "cancel requested";
        } catch (WorkflowNotFoundException e) {
            throw new SluiceException("Temporal (" + config.address() + ", namespace " + config.namespace()
                    + ") has no workflow '" + runId + "'.", e);
        } catch (io.temporal.client.WorkflowServiceException | io.grpc.StatusRuntimeException e) {
            throw unreachable(config, entry, e);
        }
    }

    /** The workflow's {@code status} query, or empty when no worker answers in time. */
    static Optional<RunStatus> query(WorkflowStub stub) {
        CompletableFuture<RunStatus> answer = CompletableFuture.supplyAsync(() -> stub.query("status",
                RunStatus.class));
        try {
            return Optional.of(answer.get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            return Optional.empty();
        }
    }

    private static SluiceException unreachable(TemporalConfig config, String entry, RuntimeException e) {
        return new SluiceException("Cannot reach Temporal at " + config.address() + " (namespace "
                + config.namespace() + ") for runner entry '" + entry + "': " + e.getMessage() + ". Start the "
                + "server, or fix address/namespace/tls of the entry in runners.yml.", e);
    }
}
