package io.sluice.pipeline;

import io.sluice.SluiceException;

/**
 * A node is defined inconsistently: wrong number of inputs for its function, a blank or
 * reserved dataset name, an output that is also one of its inputs, a repeated output.
 * Raised while the node is built or, at the latest, when it joins a {@link Pipeline}.
 */
public class InvalidNodeException extends SluiceException {
    public InvalidNodeException(String message) {
        super(message);
    }
}
