package io.sluice.pipeline;

/** Placeholder replaced by the pipeline implementation. */
public final class Pipeline {
}
