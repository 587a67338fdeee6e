package io.sluice.runner;

import io.sluice.SluiceException;
import io.sluice.config.Durations;
import java.time.Duration;

/** A node's function ran longer than its timeout and was interrupted. */
public final class NodeTimeoutException extends SluiceException {
    private final Duration after;

    public NodeTimeoutException(String nodeName, Duration after, String rule, Throwable cause) {
        super("Node '" + nodeName + "' timed out after " + Durations.format(after) + " (" + rule
                + "); its function was interrupted", cause);
        this.after = after;
    }

    /** The timeout. */
    public Duration after() {
        return after;
    }
}
