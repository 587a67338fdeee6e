package io.sluice.pipeline;

import io.sluice.SluiceException;

/** A node name asked of a pipeline (by lookup or by a filter) is not in that pipeline. */
public class UnknownNodeException extends SluiceException {
    public UnknownNodeException(String message) {
        super(message);
    }
}
