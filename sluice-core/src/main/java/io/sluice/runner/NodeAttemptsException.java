package io.sluice.runner;

import io.sluice.SluiceException;
import java.util.List;

/**
 * A node run under a {@link RunPolicy} failed for good: it exhausted its attempts, timed out on
 * its last one, or the run was cancelled between attempts. The message lists every attempt
 * (start, duration, error); the cause is the last attempt's error.
 */
public final class NodeAttemptsException extends SluiceException {
    private final transient List<NodeAttempt> attempts;

    public NodeAttemptsException(String nodeName, NodePolicy policy, List<NodeAttempt> attempts, String why) {
        super(message(nodeName, policy, attempts, why), attempts.get(attempts.size() - 1).error());
        this.attempts = List.copyOf(attempts);
    }

    private static String message(String nodeName, NodePolicy policy, List<NodeAttempt> attempts, String why) {
        StringBuilder b = new StringBuilder("Node '").append(nodeName).append("' failed after ")
                .append(attempts.size()).append(attempts.size() == 1 ? " attempt" : " attempts").append(" (")
                .append(why).append("; ").append(policy.rules()).append("):");
        for (NodeAttempt a : attempts) {
            b.append("\n  ").append(a.describe());
        }
        return b.toString();
    }

    /** Every attempt, in order. */
    public List<NodeAttempt> attempts() {
        return attempts;
    }
}
