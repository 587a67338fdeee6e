package io.sluice.session;

import java.util.Map;

/**
 * What a successful run returns.
 *
 * @param runId        the run's id
 * @param pipelineName the registered pipeline that ran
 * @param outputs      the requested output values by dataset name
 * @param journal      the run's journal (also written to {@code .sluice/runs/<run-id>.json})
 */
public record RunResult(String runId, String pipelineName, Map<String, Object> outputs, RunJournal journal) {
}
