package io.sluice.pipeline;

import io.sluice.SluiceException;

/**
 * Applying a {@link PipelineFilter} selected no node. The message names the option, or the
 * combination of options, responsible, so that the user knows which one to change.
 */
public class EmptyPipelineException extends SluiceException {
    public EmptyPipelineException(String message) {
        super(message);
    }
}
