package io.sluice.pipeline;

import io.sluice.SluiceException;

/** A namespace given to a pipeline filter matches none of its nodes. */
public class UnknownNamespaceException extends SluiceException {
    public UnknownNamespaceException(String message) {
        super(message);
    }
}
