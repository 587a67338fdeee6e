package io.sluice.runner;

/**
 * The dependency structure a runner executes: nodes are numbered {@code 0..size()-1} in the
 * pipeline's deterministic toposort order, so running them by increasing index is always valid.
 */
public interface Schedule {
    /** The number of nodes. */
    int size();

    /** The nodes that consume an output of {@code node}, each listed once, in increasing order. */
    int[] children(int node);

    /** How many distinct nodes {@code node} waits for. */
    int parentCount(int node);

    /** The node's name, for messages. */
    String nodeName(int node);
}
