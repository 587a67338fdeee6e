package io.sluice.session;

import java.util.List;
import java.util.Map;

/**
 * The record of one run, written as JSON to {@code .sluice/runs/<run-id>.json} under the project.
 *
 * @param runId           the run id
 * @param pipelineName    the registered pipeline name
 * @param env             the configuration environment
 * @param filter          the node selection options, as {@code sluice run} arguments
 * @param runtimeParams   session and run parameter overrides
 * @param runner          the runner's name
 * @param startedAt       ISO-8601 start instant
 * @param finishedAt      ISO-8601 end instant
 * @param outcome         {@code SUCCEEDED} or {@code FAILED}
 * @param error           the failure message, or {@code null}
 * @param nodes           one entry per selected node, in toposort order
 * @param datasetVersions save version written per versioned dataset
 * @param resumeCommand   on failure, the {@code sluice run} command that resumes the run
 */
public record RunJournal(String runId, String pipelineName, String env, List<String> filter,
                         Map<String, Object> runtimeParams, String runner, String startedAt, String finishedAt,
                         String outcome, String error, List<NodeRecord> nodes, Map<String, String> datasetVersions,
                         String resumeCommand) {

    /**
     * One node's part in a run.
     *
     * @param name       the node name
     * @param status     {@code COMPLETED}, {@code FAILED} or {@code NOT_RUN}
     * @param startedAt  ISO-8601 start, or {@code null} if it did not start
     * @param durationMs wall time in milliseconds (fractional), or 0
     * @param error      the failure message, or {@code null}
     */
    public record NodeRecord(String name, String status, String startedAt, double durationMs, String error) {
    }
}
