package io.sluice.run;

import io.sluice.SluiceException;

/** A run ended because it was cancelled ({@link RunHandle#cancel()}) before all its nodes ran. */
public class RunCancelledException extends SluiceException {
    private final String runId;

    public RunCancelledException(String runId, String message) {
        super(message);
        this.runId = runId;
    }

    /** The cancelled run's id. */
    public String runId() {
        return runId;
    }
}
