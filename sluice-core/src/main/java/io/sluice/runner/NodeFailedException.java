package io.sluice.runner;

/** The first node failure of a run, as reported by a {@link Runner}. */
public final class NodeFailedException extends Exception {
    private final int node;

    public NodeFailedException(int node, String nodeName, Throwable cause) {
        super("node '" + nodeName + "' failed", cause);
        this.node = node;
    }

    /** The failed node's index in the schedule. */
    public int node() {
        return node;
    }
}
