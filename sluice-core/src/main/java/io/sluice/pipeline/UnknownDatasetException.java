package io.sluice.pipeline;

import io.sluice.SluiceException;

/** A dataset name given to a pipeline filter is neither consumed nor produced by any of its nodes. */
public class UnknownDatasetException extends SluiceException {
    public UnknownDatasetException(String message) {
        super(message);
    }
}
