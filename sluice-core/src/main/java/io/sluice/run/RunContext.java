package io.sluice.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * What every part of a run can know about it: the run id, the registered pipeline's name and the
 * group (kept in remote and grouped runs too, unlike Kedro), the config environment, the runtime
 * params, the project directory and the dataset versions the run pins.
 *
 * <p>Hooks receive it as an argument; datasets receive it in
 * {@link io.sluice.io.Dataset#load(RunContext, java.lang.reflect.Type)} and
 * {@link io.sluice.io.Dataset#save(RunContext, Object)}; a node receives it by declaring an input
 * named {@value #INPUT_NAME}.
 *
 * <p>While a thread works for a run, the logging context ({@link MDC}) holds {@value #MDC_RUN_ID},
 * {@value #MDC_PIPELINE} and, in a run of one group, {@value #MDC_GROUP}, and while it works on a
 * node (loading its inputs, calling it, saving its outputs, the hooks around it) {@value #MDC_NODE},
 * so that a log pattern such as {@code %X{sluice.run_id}} or a JSON encoder tags every line, the
 * project's own included.
 *
 * <p>During a run the context is also {@link #current()} on the threads that work for it. That
 * thread-local is a fallback for user code that has no other way to reach the context (a library
 * callback deep inside a node); Sluice's own datasets never read it while running.
 *
 * @param runId         unique, sortable id of the run; also the save version of versioned datasets
 * @param pipelineName  the registered name of the pipeline being run (e.g. {@code __default__})
 * @param group         the group of the run's nodes this process executes, or {@code null} when it
 *                      runs the whole selection
 * @param env           the configuration environment (e.g. {@code local})
 * @param runtimeParams the params given for this session and run ({@code --params}), flattened
 *                      to dotted keys
 * @param projectDir    the project's root directory
 * @param loadVersions  versions pinned for this run's loads, by dataset name
 * @param progress      where datasets report the progress of long loads and saves; {@link Progress#NONE}
 *                      unless the run is shown on a terminal
 */
public record RunContext(String runId, String pipelineName, String group, String env,
                         Map<String, Object> runtimeParams, Path projectDir, Map<String, String> loadVersions,
                         Progress progress) {

    /** The input name through which a node receives the run context. */
    public static final String INPUT_NAME = "run:context";

    /** The logging-context key of the run id. */
    public static final String MDC_RUN_ID = "sluice.run_id";
    /** The logging-context key of the pipeline name. */
    public static final String MDC_PIPELINE = "sluice.pipeline";
    /** The logging-context key of the group id. */
    public static final String MDC_GROUP = "sluice.group";
    /** The logging-context key of the node being worked on. */
    public static final String MDC_NODE = "sluice.node";

    /** The documented fallback for user code; see the class comment. */
    private static final ThreadLocal<RunContext> CURRENT = new ThreadLocal<>();

    public RunContext {
        runtimeParams = runtimeParams.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(runtimeParams));
        loadVersions = loadVersions.isEmpty() ? Map.of() : Map.copyOf(loadVersions);
        progress = progress == null ? Progress.NONE : progress;
    }

    /** A context that reports no progress. */
    public RunContext(String runId, String pipelineName, String group, String env, Map<String, Object> runtimeParams,
                      Path projectDir, Map<String, String> loadVersions) {
        this(runId, pipelineName, group, env, runtimeParams, projectDir, loadVersions, Progress.NONE);
    }

    /** A context outside any group. */
    public RunContext(String runId, String pipelineName, String env, Map<String, Object> runtimeParams,
                      Path projectDir, Map<String, String> loadVersions) {
        this(runId, pipelineName, null, env, runtimeParams, projectDir, loadVersions);
    }

    /** A context outside any group that pins no dataset version. */
    public RunContext(String runId, String pipelineName, String env, Map<String, Object> runtimeParams,
                      Path projectDir) {
        this(runId, pipelineName, null, env, runtimeParams, projectDir, Map.of());
    }

    /**
     * The context of work done outside any run (a dataset loaded or saved by hand, a catalog
     * command): a fresh id serves as save version, no pipeline, no pinned versions.
     */
    public static RunContext outsideRun(Path projectDir) {
        return new RunContext(RunIds.once(), null, null, null, Map.of(), projectDir, Map.of());
    }

    /** The version this run pins for {@code dataset} ({@code --load-versions}), if any. */
    public Optional<String> loadVersion(String dataset) {
        return Optional.ofNullable(loadVersions.get(dataset));
    }

    /** This context reporting to {@code progress} instead. */
    public RunContext withProgress(Progress progress) {
        return new RunContext(runId, pipelineName, group, env, runtimeParams, projectDir, loadVersions, progress);
    }

    /** The version a save in this run writes to a versioned dataset: the run id. */
    public String saveVersion() {
        return runId;
    }

    /** The context of the run the calling thread works for, if any (the fallback; see the class comment). */
    public static Optional<RunContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** {@link #current()}, else {@link #outsideRun(Path)}. */
    public static RunContext currentOr(Path projectDir) {
        RunContext c = CURRENT.get();
        return c != null ? c : outsideRun(projectDir);
    }

    /**
     * Makes {@code context} current on this thread until the returned scope is closed; the
     * session calls it around node execution so that {@link #current()} works in user code.
     */
    public static Scope enter(RunContext context) {
        RunContext previous = CURRENT.get();
        if (previous == context) {
            return NOTHING_TO_RESTORE; // already current on this thread (a node run by the sequential runner)
        }
        CURRENT.set(context);
        logged(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
            logged(previous);
        };
    }

    /**
     * Names {@code node} in this thread's logging context ({@value #MDC_NODE}), or takes it out
     * for null; the session calls it around each node's loads, call and saves.
     */
    public static void logNode(String node) {
        put(MDC_NODE, node);
    }

    /** Puts {@code context}'s ids in the logging context, or takes them out for null. */
    private static void logged(RunContext context) {
        put(MDC_RUN_ID, context == null ? null : context.runId());
        put(MDC_PIPELINE, context == null ? null : context.pipelineName());
        put(MDC_GROUP, context == null ? null : context.group());
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
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
