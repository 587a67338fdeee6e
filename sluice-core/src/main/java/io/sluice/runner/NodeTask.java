package io.sluice.runner;

/** Runs one node of a {@link Schedule}: loads its inputs, calls it, saves its outputs. */
@FunctionalInterface
public interface NodeTask {
    /** Runs node {@code node}; any exception fails the run. */
    void run(int node) throws Exception;
}
