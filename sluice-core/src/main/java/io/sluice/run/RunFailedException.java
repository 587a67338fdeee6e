package io.sluice.run;

import io.sluice.SluiceException;

/**
 * A run failed. The message names the failing node and its inputs; {@link #resume()} is the spec
 * of the run that resumes it from the nearest nodes whose inputs are persisted (the command line
 * renders it as a {@code sluice run} command).
 */
public class RunFailedException extends SluiceException {
    private final String runId;
    private final String failedNode;
    private final RunSpec resume;

    public RunFailedException(String message, String runId, String failedNode, RunSpec resume, Throwable cause) {
        super(message, cause);
        this.runId = runId;
        this.failedNode = failedNode;
        this.resume = resume;
    }

    /** The failed run's id. */
    public String runId() {
        return runId;
    }

    /** The name of the node that failed, or {@code null} when the run failed outside a node. */
    public String failedNode() {
        return failedNode;
    }

    /** The spec that resumes the run, or {@code null} when nothing can be resumed. */
    public RunSpec resume() {
        return resume;
    }
}
