package io.sluice.project;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A user's project: its registered pipelines and its hooks.
 *
 * <p>The CLI finds the project through {@link java.util.ServiceLoader}: the project's jar lists
 * its implementation in {@code META-INF/services/io.sluice.project.Project}. Exactly one
 * implementation must be on the class path. An application that owns its entry point passes its
 * project to {@link io.sluice.session.Session#compile} directly instead.
 */
public interface Project {

    /** The name of the pipeline run when none is named. */
    String DEFAULT_PIPELINE = RunSpec.DEFAULT_PIPELINE;

    /**
     * The registered pipelines by name, built now. When the map has no {@value #DEFAULT_PIPELINE}
     * entry, the default pipeline is the union of all registered pipelines, those of
     * {@link #pipelineFactories()} included (as Kedro's {@code find_pipelines} does).
     */
    Map<String, Pipeline> pipelines();

    /**
     * Pipelines registered by name as factories, each called only when its pipeline is first
     * asked for (run, described, exported), so that using one pipeline never builds another nor
     * loads the classes of its nodes: a pipeline whose nodes need a library that is not on the
     * class path fails only when it is used, naming the missing class. Names must differ from
     * those of {@link #pipelines()} (a project registering only factories returns an empty map
     * there). When neither map has a {@value #DEFAULT_PIPELINE} entry, the default pipeline is
     * built, when asked for, as the union of all, which builds every pipeline. Empty by default.
     *
     * <p>Write each factory as a lambda ({@code "train", () -> Training.pipeline()}): a method
     * reference ({@code Training::pipeline}) makes the JVM load its class when the map is made,
     * though it does not run it.
     *
     * <p>Checks that a session makes of every registered pipeline at compile (engine bindings)
     * happen for a factory's pipeline when it is built, with the same messages; the check that
     * every runner rule names some node waits until every pipeline is built.
     */
    default Map<String, Supplier<Pipeline>> pipelineFactories() {
        return Map.of();
    }

    /** The project's hooks, called in this order. */
    default List<Hook> hooks() {
        return List.of();
    }

    /** A display name for logs and the run journal; the class's simple name by default. */
    default String name() {
        return getClass().getSimpleName();
    }
}
