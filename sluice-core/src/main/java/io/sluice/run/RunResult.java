package io.sluice.run;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a successful run returns: its id, the pipeline, the requested output values and its
 * journal. The journal of a run that did not write one ({@link RunSpec#journal()} false) is only
 * assembled if asked for, so that high-rate callers do not pay for formatting timestamps they
 * never read.
 */
public final class RunResult {
    private final String runId;
    private final String pipelineName;
    private final Map<String, Object> outputs;
    private Supplier<RunJournal> journalSource;
    private RunJournal journal;

    /** A result whose journal is already built. */
    public RunResult(String runId, String pipelineName, Map<String, Object> outputs, RunJournal journal) {
        this(runId, pipelineName, outputs, () -> journal);
    }

    /** A result whose journal is built by {@code journal} when first asked for. */
    public RunResult(String runId, String pipelineName, Map<String, Object> outputs, Supplier<RunJournal> journal) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.pipelineName = Objects.requireNonNull(pipelineName, "pipelineName");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.journalSource = Objects.requireNonNull(journal, "journal");
    }

    /** The run's id. */
    public String runId() {
        return runId;
    }

    /** The registered pipeline that ran. */
    public String pipelineName() {
        return pipelineName;
    }

    /** The requested output values by dataset name. */
    public Map<String, Object> outputs() {
        return outputs;
    }

    /** The run's journal (also written under {@code .sluice/runs/<run-id>/} unless turned off). */
    public synchronized RunJournal journal() {
        if (journal == null) {
            journal = journalSource.get();
            journalSource = null;
        }
        return journal;
    }

    @Override
    public String toString() {
        return "RunResult[runId=" + runId + ", pipelineName=" + pipelineName + ", outputs=" + outputs.keySet() + "]";
    }
}
