package io.sluice.session;

import io.sluice.io.DataCatalog;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.Map;

/**
 * A project compiled once for an environment and runtime params: config loaded, catalog built,
 * pipelines validated and toposorted. {@link #run} may then be called many times, from many
 * threads at once; each run only overlays its own data.
 */
public final class Session implements AutoCloseable {

    /** Compiles {@code project} with {@code options}. */
    public static Session compile(Project project, SessionOptions options) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Runs {@code request}; throws {@link RunFailedException} when a node fails. */
    public RunResult run(RunRequest request) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The registered pipelines by name, {@code __default__} included, sorted by name. */
    public Map<String, Pipeline> pipelines() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The registered pipeline {@code name}; the error lists the known names. */
    public Pipeline pipeline(String name) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The compiled catalog. */
    public DataCatalog catalog() {
        throw new UnsupportedOperationException("in progress");
    }

    /** The options this session was compiled with. */
    public SessionOptions options() {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() {
    }
}
