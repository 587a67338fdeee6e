package io.sluice.pipeline;

/**
 * What a node input name refers to. Every kind is an ordinary input for the graph (a free input
 * of the pipeline when no node produces it); the kind tells the runner where the value comes
 * from.
 */
public enum InputKind {
    /** A catalog dataset, e.g. {@code companies}. */
    DATASET,
    /** One parameter by dotted path, e.g. {@code params:model.alpha}. */
    PARAMS,
    /** The whole parameter tree: {@code parameters}. */
    ALL_PARAMETERS,
    /**
     * An engine of the session ({@code engines.yml}), e.g. {@code engine:warehouse}: its client, or
     * the engine itself for a parameter declared as {@code Engine}.
     */
    ENGINE,
    /** The current run's context: {@code run:context}. */
    RUN_CONTEXT;

    /** Prefix of single-parameter inputs. */
    public static final String PARAMS_PREFIX = "params:";
    /** Prefix of engine inputs. */
    public static final String ENGINE_PREFIX = "engine:";
    /** The name of the input bound to the whole parameter tree. */
    public static final String ALL_PARAMETERS_NAME = "parameters";
    /** The name of the input bound to the run context. */
    public static final String RUN_CONTEXT_NAME = "run:context";

    /** The kind of an input name. */
    public static InputKind of(String name) {
        if (name.startsWith(PARAMS_PREFIX)) {
            return PARAMS;
        }
        if (name.startsWith(ENGINE_PREFIX)) {
            return ENGINE;
        }
        if (name.equals(ALL_PARAMETERS_NAME)) {
            return ALL_PARAMETERS;
        }
        if (name.equals(RUN_CONTEXT_NAME)) {
            return RUN_CONTEXT;
        }
        return DATASET;
    }

    /** Whether the name is a parameter reference ({@code params:...} or {@code parameters}). */
    public boolean isParameter() {
        return this == PARAMS || this == ALL_PARAMETERS;
    }
}
