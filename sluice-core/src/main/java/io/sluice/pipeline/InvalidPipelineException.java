package io.sluice.pipeline;

import io.sluice.SluiceException;

/**
 * A set of nodes does not form a valid pipeline: two nodes share a name, two nodes produce the
 * same dataset, or the nodes form a cycle ({@link CircularDependencyException}).
 */
public class InvalidPipelineException extends SluiceException {
    public InvalidPipelineException(String message) {
        super(message);
    }
}
