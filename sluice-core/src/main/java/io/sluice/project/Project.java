package io.sluice.project;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.util.List;
import java.util.Map;

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
     * The registered pipelines by name. When the map has no {@value #DEFAULT_PIPELINE} entry, the
     * default pipeline is the union of all registered pipelines (as Kedro's
     * {@code find_pipelines} does).
     */
    Map<String, Pipeline> pipelines();

    /** The project's hooks, called in this order. */
    default List<Hook> hooks() {
        return List.of();
    }

    /** A display name for logs and the run journal; the class's simple name by default. */
    default String name() {
        return getClass().getSimpleName();
    }
}
