package io.sluice.session;

import io.sluice.SluiceException;

/**
 * A run failed. The message names the failing node and its inputs; {@link #resumeCommand()} is
 * the {@code sluice run} command that resumes from the nearest nodes whose inputs are persisted.
 */
public class RunFailedException extends SluiceException {
    private final String runId;
    private final String failedNode;
    private final String resumeCommand;

    public RunFailedException(String message, String runId, String failedNode, String resumeCommand,
                              Throwable cause) {
        super(message, cause);
        this.runId = runId;
        this.failedNode = failedNode;
        this.resumeCommand = resumeCommand;
    }

    /** The failed run's id. */
    public String runId() {
        return runId;
    }

    /** The name of the node that failed, or {@code null} when the run failed outside a node. */
    public String failedNode() {
        return failedNode;
    }

    /** The command that resumes the run, or {@code null} when nothing can be resumed. */
    public String resumeCommand() {
        return resumeCommand;
    }
}
