package io.sluice.pipeline;

import io.sluice.SluiceException;

/**
 * A namespaced reuse of a pipeline ({@link Pipeline#pipeline(Pipeline)}) maps names the pipeline
 * does not have: an input that is not a free input, an output no node produces, a parameter no
 * node uses.
 */
public class ModularPipelineException extends SluiceException {
    public ModularPipelineException(String message) {
        super(message);
    }
}
