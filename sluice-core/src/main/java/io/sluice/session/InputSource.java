package io.sluice.session;

/** Where a node input's value comes from at run time (see {@link io.sluice.pipeline.InputKind} for what a name means). */
enum InputSource {
    /** A dataset of the catalog (or memory). */
    DATASET,
    /** A parameter ({@code params:a.b} or {@code parameters}), bound once at compile time. */
    PARAMETER,
    /** An engine's client ({@code engine:warehouse}): {@link io.sluice.engine.Engine#get()}, created on first use. */
    ENGINE,
    /** An engine itself, for a parameter declared as {@link io.sluice.engine.Engine}: nothing is created. */
    ENGINE_HANDLE,
    /** The run's {@link io.sluice.run.RunContext} ({@value io.sluice.run.RunContext#INPUT_NAME}). */
    RUN_CONTEXT
}
