package io.sluice.pipeline;

import io.sluice.SluiceException;

/**
 * A node's function returned a value that cannot be split into the node's declared outputs,
 * e.g. a list of 2 elements for 3 positional outputs, or a map missing a named output.
 */
public class NodeOutputException extends SluiceException {
    public NodeOutputException(String message) {
        super(message);
    }
}
