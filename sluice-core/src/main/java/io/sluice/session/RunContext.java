package io.sluice.session;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every part of a run can know about it: the run id, the registered pipeline's name (kept
 * in remote and grouped runs too, unlike Kedro), the config environment, the runtime params and
 * the project directory.
 *
 * <p>Hooks receive it as an argument; datasets read {@link #current()}; a node receives it by
 * declaring an input named {@value #INPUT_NAME}.
 *
 * @param runId         unique, sortable id of the run; also the save version of versioned datasets
 * @param pipelineName  the registered name of the pipeline being run (e.g. {@code __default__})
 * @param env           the configuration environment (e.g. {@code local})
 * @param runtimeParams the params given for this session and run ({@code --params}), flattened
 *                      to dotted keys
 * @param projectDir    the project's root directory
 * @param loadVersions  versions pinned for this run's loads, by dataset name
 */
public record RunContext(String runId, String pipelineName, String env, Map<String, Object> runtimeParams,
                         Path projectDir, Map<String, String> loadVersions) {

    /** The input name through which a node receives the run context. */
    public static final String INPUT_NAME = "run:context";

    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    public RunContext {
        runtimeParams = runtimeParams.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(runtimeParams));
        loadVersions = Map.copyOf(loadVersions);
    }

    /** A context that pins no dataset version. */
    public RunContext(String runId, String pipelineName, String env, Map<String, Object> runtimeParams,
                      Path projectDir) {
        this(runId, pipelineName, env, runtimeParams, projectDir, Map.of());
    }

    /** The context of the run the calling thread works for, if any. */
    public static Optional<RunContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes {@code context} current on this thread until the returned scope is closed; runners
     * call it around node execution and dataset I/O.
     */
    public static Scope enter(RunContext context) {
        RunContext previous = CURRENT.get();
        if (previous == context) {
            return NOTHING_TO_RESTORE; // already current on this thread (a node run by the sequential runner)
        }
        CURRENT.set(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    private static final Scope NOTHING_TO_RESTORE = () -> {
    };

    /** Restores the previous context when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
