package io.sluice.session;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.project.Project;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of a compiled {@link Session}: which pipeline, which nodes, how, and with what data.
 * Immutable; build it with {@link #of(String)} and the {@code with…} methods.
 *
 * @param pipelineName       the registered pipeline to run
 * @param filter             node selection ({@code --nodes}, {@code --from-nodes}, …)
 * @param runner             {@code sequential}, {@code parallel}, or a {@link io.sluice.runner.Runner}
 *                           class name
 * @param maxWorkers         threads for the parallel runner; 0 means the number of processors
 * @param runId              the run id to use, or {@code null} to generate a new one
 * @param onlyMissingOutputs run only the nodes whose persistent outputs do not exist yet (and
 *                           what they need)
 * @param inputs             values injected for this run only, by dataset name
 * @param params             parameter overrides for this run only, by dotted path
 * @param outputs            datasets whose values the run returns; empty means the pipeline's
 *                           free outputs
 * @param hooks              hooks for this run only, called after the project's hooks
 * @param journal            whether to write the run journal file (on by default; services
 *                           that run thousands of times a second turn it off)
 * @param loadVersions       versions to load for versioned datasets, by dataset name
 *                           ({@code --load-versions}); others load their latest version
 */
public record RunRequest(String pipelineName, PipelineFilter filter, String runner, int maxWorkers, String runId,
                         boolean onlyMissingOutputs, Map<String, Object> inputs, Map<String, Object> params,
                         Set<String> outputs, List<Hook> hooks, boolean journal,
                         Map<String, String> loadVersions) {

    /** The sequential runner's name. */
    public static final String SEQUENTIAL = "sequential";
    /** The parallel runner's name. */
    public static final String PARALLEL = "parallel";

    public RunRequest {
        pipelineName = pipelineName == null ? Project.DEFAULT_PIPELINE : pipelineName;
        filter = filter == null ? PipelineFilter.NONE : filter;
        runner = runner == null ? SEQUENTIAL : runner;
        if (maxWorkers < 0) {
            throw new IllegalArgumentException("maxWorkers must be >= 0, got " + maxWorkers);
        }
        // empty ones are shared: a service builds a request per call
        inputs = inputs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        params = params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        outputs = outputs.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
        hooks = List.copyOf(hooks);
        loadVersions = loadVersions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(loadVersions));
    }

    /** A request to run {@code pipelineName} with defaults for everything else. */
    public static RunRequest of(String pipelineName) {
        return new RunRequest(pipelineName, PipelineFilter.NONE, SEQUENTIAL, 0, null, false, Map.of(), Map.of(),
                Set.of(), List.of(), true, Map.of());
    }

    /** A request to run the default pipeline. */
    public static RunRequest ofDefault() {
        return of(Project.DEFAULT_PIPELINE);
    }

    public RunRequest withFilter(PipelineFilter f) {
        return new RunRequest(pipelineName, f, runner, maxWorkers, runId, onlyMissingOutputs, inputs, params, outputs,
                hooks, journal, loadVersions);
    }

    public RunRequest withRunner(String r) {
        return new RunRequest(pipelineName, filter, r, maxWorkers, runId, onlyMissingOutputs, inputs, params, outputs,
                hooks, journal, loadVersions);
    }

    public RunRequest withMaxWorkers(int n) {
        return new RunRequest(pipelineName, filter, runner, n, runId, onlyMissingOutputs, inputs, params, outputs,
                hooks, journal, loadVersions);
    }

    public RunRequest withRunId(String id) {
        return new RunRequest(pipelineName, filter, runner, maxWorkers, id, onlyMissingOutputs, inputs, params, outputs,
                hooks, journal, loadVersions);
    }

    public RunRequest withOnlyMissingOutputs(boolean b) {
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, b, inputs, params, outputs, hooks,
                journal, loadVersions);
    }

    /** Adds an injected input value for {@code dataset}. */
    public RunRequest withInput(String dataset, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(inputs);
        m.put(dataset, value);
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, m, params, outputs,
                hooks, journal, loadVersions);
    }

    /** Adds a parameter override at dotted {@code path}. */
    public RunRequest withParam(String path, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(params);
        m.put(path, value);
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, inputs, m, outputs,
                hooks, journal, loadVersions);
    }

    /** Asks for the values of these datasets in the result. */
    public RunRequest withOutputs(String... datasets) {
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, inputs, params,
                new LinkedHashSet<>(List.of(datasets)), hooks, journal, loadVersions);
    }

    /** Loads {@code version} of the versioned dataset {@code dataset} instead of its latest. */
    public RunRequest withLoadVersion(String dataset, String version) {
        Map<String, String> m = new LinkedHashMap<>(loadVersions);
        m.put(dataset, version);
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, inputs, params,
                outputs, hooks, journal, m);
    }

    /** Turns the journal file of this run on or off. */
    public RunRequest withJournal(boolean write) {
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, inputs, params,
                outputs, hooks, write, loadVersions);
    }

    /** Adds a hook for this run only. */
    public RunRequest withHook(Hook hook) {
        List<Hook> l = new ArrayList<>(hooks);
        l.add(hook);
        return new RunRequest(pipelineName, filter, runner, maxWorkers, runId, onlyMissingOutputs, inputs, params,
                outputs, l, journal, loadVersions);
    }
}
