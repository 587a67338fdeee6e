package io.sluice.pipeline;

import java.util.List;

/**
 * The nodes of a pipeline depend on each other in a loop. {@link #cycle()} spells the loop as
 * alternating node and dataset names, starting and ending with the same node.
 */
public final class CircularDependencyException extends InvalidPipelineException {
    private final List<String> cycle;

    CircularDependencyException(List<String> cycle) {
        super("Pipeline has a cycle: " + String.join(" -> ", cycle)
                + ". Fix: rename one of these datasets or remove one of these nodes so that no node"
                + " depends on its own output.");
        this.cycle = List.copyOf(cycle);
    }

    /** The loop, e.g. {@code [a, ds1, b, ds2, a]}: node, dataset it produces, its consumer, and so on. */
    public List<String> cycle() {
        return cycle;
    }
}
