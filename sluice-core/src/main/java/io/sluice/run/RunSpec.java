package io.sluice.run;

import io.sluice.SluiceException;
import io.sluice.pipeline.PipelineFilter;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run, as data: everything that decides a run and can cross a process boundary. A spec
 * serialises to JSON and back ({@link #toJson()}, {@link #fromJson(String)}; the schema is
 * {@code run-spec.schema.json} beside this class) so that a remote step, an orchestrator task or
 * a resumed run receives exactly what the original run was asked — the pipeline name and the run
 * id included, which Kedro loses in remote runs.
 *
 * <p>What only makes sense inside one process — injected input values, extra hooks — travels
 * beside the spec ({@code io.sluice.session.Injected}), never inside it.
 *
 * <p>Build one with {@link #builder(String)} (or {@link #of(String)} for the defaults):
 * <pre>{@code
 * RunSpec spec = RunSpec.builder("scoring").fromNodes("score").param("threshold", 0.7).build();
 * }</pre>
 *
 * @param pipeline           the registered pipeline to run ({@code __default__} when null)
 * @param selection          which of its nodes run ({@code --nodes}, {@code --from-nodes}, …), as data
 * @param onlyMissingOutputs run only the nodes whose persistent outputs do not exist yet (and what
 *                           they need)
 * @param group              the group of nodes this run executes, or {@code null} for the whole
 *                           selection: an id of the pipeline's grouping by the deploy config
 *                           ({@code io.sluice.session.Session#grouping}); the run executes that
 *                           group's nodes (within the selection), loads the versioned datasets the
 *                           pipeline produces at the version of its own run id, and writes its own
 *                           journal part, so the groups of one run (same run id) may run in separate
 *                           processes
 * @param groupBy            with {@code group}: how the pipeline is grouped ({@code --group-by}),
 *                           or {@code null} for the deploy config's grouping; the journal records
 *                           it, so a resumed group run regroups the same way
 * @param runner             the name of a runner entry ({@code runners.yml}, or the built-in
 *                           {@code sequential} and {@code parallel}), or a {@code Runner} class
 *                           name; {@code default} (when null) is the entry named {@code default},
 *                           the built-in sequential runner unless runners.yml declares one
 * @param maxWorkers         threads for the parallel runner; 0 means the number of processors
 * @param runId              the run id to use, or {@code null} for a new one
 * @param params             parameter overrides by dotted path; plain data (strings, numbers,
 *                           booleans, null, lists and maps of these)
 * @param loadVersions       versions to load for versioned datasets, by dataset name; others load
 *                           their latest version. A version names a folder, so it must be a safe
 *                           name as a run id is
 * @param outputs            datasets whose values the run returns; empty means the pipeline's free
 *                           outputs that live in memory
 * @param env                the configuration environment the run expects, or {@code null} for the
 *                           session's; a session compiled for another environment refuses the spec
 * @param journal            whether the run writes its journal (on by default; services that run
 *                           thousands of times a second turn it off)
 */
public record RunSpec(String pipeline, PipelineFilter selection, boolean onlyMissingOutputs, String group,
                      GroupBy groupBy, String runner, int maxWorkers, String runId, Map<String, Object> params,
                      Map<String, String> loadVersions, Set<String> outputs, String env, boolean journal) {

    /** The name of the pipeline run when none is named. */
    public static final String DEFAULT_PIPELINE = "__default__";
    /** The runner entry a spec without a runner name uses. */
    public static final String DEFAULT_RUNNER = "default";
    /** The sequential runner's name. */
    public static final String SEQUENTIAL = "sequential";
    /** The parallel runner's name. */
    public static final String PARALLEL = "parallel";

    public RunSpec {
        pipeline = pipeline == null ? DEFAULT_PIPELINE : pipeline;
        selection = selection == null ? PipelineFilter.NONE : selection;
        runner = runner == null ? DEFAULT_RUNNER : runner;
        // what the schema refuses, the spec refuses: a spec always writes JSON it can read back
        if (pipeline.isEmpty()) {
            throw new IllegalArgumentException("pipeline must not be empty");
        }
        if (runner.isEmpty()) {
            throw new IllegalArgumentException("runner must not be empty");
        }
        if (env != null && env.isEmpty()) {
            throw new IllegalArgumentException("env must not be empty");
        }
        if (maxWorkers < 0) {
            throw new IllegalArgumentException("max_workers must be 0 or more, got " + maxWorkers);
        }
        if (runId != null) {
            RunIds.validate(runId);
        }
        if (group != null) {
            RunIds.validateGroup(group);
        }
        if (groupBy != null && group == null) {
            throw new IllegalArgumentException("group_by says how a run of one group groups the pipeline: give "
                    + "group too");
        }
        // empty ones are shared: a service builds a spec per call
        params = params == null || params.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        loadVersions = loadVersions == null || loadVersions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(loadVersions));
        for (Map.Entry<String, String> v : loadVersions.entrySet()) {
            // a version names a folder under the dataset's path: "../x" would read outside it
            if (!RunIds.isSafeName(v.getValue())) {
                throw new SluiceException(unsafe("load_versions." + v.getKey(), v.getValue()));
            }
        }
        outputs = outputs == null || outputs.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(outputs));
    }

    /** A spec grouped as the deploy config groups ({@code groupBy} null): the fields before {@code groupBy} existed. */
    public RunSpec(String pipeline, PipelineFilter selection, boolean onlyMissingOutputs, String group,
                   String runner, int maxWorkers, String runId, Map<String, Object> params,
                   Map<String, String> loadVersions, Set<String> outputs, String env, boolean journal) {
        this(pipeline, selection, onlyMissingOutputs, group, null, runner, maxWorkers, runId, params, loadVersions,
                outputs, env, journal);
    }

    /** The message for a value that must be a safe name (run id, group, version) and is not. */
    static String unsafe(String field, String value) {
        return field + " '" + value + "' is not a safe name: use 1 to 128 letters, digits and . _ : + - starting "
                + "with a letter or digit, without '..' (it names files).";
    }

    /** A spec to run {@code pipeline} with defaults for everything else. */
    public static RunSpec of(String pipeline) {
        return new RunSpec(pipeline, PipelineFilter.NONE, false, null, DEFAULT_RUNNER, 0, null, Map.of(), Map.of(),
                Set.of(), null, true);
    }

    /** A spec to run the default pipeline with defaults for everything else. */
    public static RunSpec ofDefault() {
        return of(DEFAULT_PIPELINE);
    }

    /** A builder for a spec of the default pipeline. */
    public static Builder builder() {
        return builder(DEFAULT_PIPELINE);
    }

    /** A builder for a spec of {@code pipeline}. */
    public static Builder builder(String pipeline) {
        return new Builder(of(pipeline));
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This spec with {@code id} as its run id (the common one-field change, without a builder). */
    public RunSpec withRunId(String id) {
        return new RunSpec(pipeline, selection, onlyMissingOutputs, group, groupBy, runner, maxWorkers, id, params,
                loadVersions, outputs, env, journal);
    }

    /** The spec as JSON (snake_case keys; empty and default fields left out). */
    public String toJson() {
        return RunSpecJson.write(this);
    }

    /**
     * Reads a spec written by {@link #toJson()} or by hand.
     *
     * @throws IllegalArgumentException naming the field for malformed JSON, an unknown field
     *                                  (with the known ones) or a value of the wrong type
     */
    public static RunSpec fromJson(String json) {
        return RunSpecJson.read(json);
    }

    /** Collects the fields of a {@link RunSpec}; each setter replaces or adds, {@link #build()} validates. */
    public static final class Builder {
        private String pipeline;
        private PipelineFilter selection;
        private boolean onlyMissingOutputs;
        private String group;
        private GroupBy groupBy;
        private String runner;
        private int maxWorkers;
        private String runId;
        private final Map<String, Object> params;
        private final Map<String, String> loadVersions;
        private final Set<String> outputs;
        private String env;
        private boolean journal;

        private Builder(RunSpec s) {
            pipeline = s.pipeline;
            selection = s.selection;
            onlyMissingOutputs = s.onlyMissingOutputs;
            group = s.group;
            groupBy = s.groupBy;
            runner = s.runner;
            maxWorkers = s.maxWorkers;
            runId = s.runId;
            params = new LinkedHashMap<>(s.params);
            loadVersions = new LinkedHashMap<>(s.loadVersions);
            outputs = new LinkedHashSet<>(s.outputs);
            env = s.env;
            journal = s.journal;
        }

        public Builder pipeline(String name) {
            pipeline = name;
            return this;
        }

        /** The whole node selection at once. */
        public Builder selection(PipelineFilter filter) {
            selection = filter;
            return this;
        }

        /** Adds to {@code --nodes}. */
        public Builder nodes(String... names) {
            selection = selection.withNodeNames(plus(selection.nodeNames(), names));
            return this;
        }

        /** Adds to {@code --from-nodes}. */
        public Builder fromNodes(String... names) {
            selection = selection.withFromNodes(plus(selection.fromNodes(), names));
            return this;
        }

        /** Adds to {@code --to-nodes}. */
        public Builder toNodes(String... names) {
            selection = selection.withToNodes(plus(selection.toNodes(), names));
            return this;
        }

        /** Adds to {@code --from-inputs}. */
        public Builder fromInputs(String... datasets) {
            selection = selection.withFromInputs(plus(selection.fromInputs(), datasets));
            return this;
        }

        /** Adds to {@code --to-outputs}. */
        public Builder toOutputs(String... datasets) {
            selection = selection.withToOutputs(plus(selection.toOutputs(), datasets));
            return this;
        }

        /** Adds to {@code --tags}. */
        public Builder tags(String... tags) {
            selection = selection.withTags(plus(selection.tags(), tags));
            return this;
        }

        /** Adds to {@code --namespaces}. */
        public Builder namespaces(String... namespaces) {
            selection = selection.withNamespaces(plus(selection.namespaces(), namespaces));
            return this;
        }

        public Builder onlyMissingOutputs(boolean on) {
            onlyMissingOutputs = on;
            return this;
        }

        public Builder group(String id) {
            group = id;
            return this;
        }

        /** How a run of one group groups the pipeline ({@code --group-by}); null: as the deploy config does. */
        public Builder groupBy(GroupBy grouping) {
            groupBy = grouping;
            return this;
        }

        public Builder runner(String name) {
            runner = name;
            return this;
        }

        public Builder maxWorkers(int n) {
            maxWorkers = n;
            return this;
        }

        public Builder runId(String id) {
            runId = id;
            return this;
        }

        /** Overrides the parameter at dotted {@code path}. */
        public Builder param(String path, Object value) {
            params.put(path, value);
            return this;
        }

        /** Overrides several parameters by dotted path. */
        public Builder params(Map<String, ?> values) {
            params.putAll(values);
            return this;
        }

        /** Loads {@code version} of the versioned dataset {@code dataset} instead of its latest. */
        public Builder loadVersion(String dataset, String version) {
            loadVersions.put(dataset, version);
            return this;
        }

        /** Several pinned versions by dataset name. */
        public Builder loadVersions(Map<String, String> versions) {
            loadVersions.putAll(versions);
            return this;
        }

        /** Asks for the values of these datasets in the result (added to those already asked). */
        public Builder outputs(String... datasets) {
            outputs.addAll(List.of(datasets));
            return this;
        }

        /** Asks for the values of these datasets in the result (added to those already asked). */
        public Builder outputs(Collection<String> datasets) {
            outputs.addAll(datasets);
            return this;
        }

        public Builder env(String name) {
            env = name;
            return this;
        }

        /** Turns the run journal on or off. */
        public Builder journal(boolean write) {
            journal = write;
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException for a negative {@code maxWorkers}, an empty pipeline, runner
         *                                  or env
         * @throws io.sluice.SluiceException for a run id, group id or load version that is not a safe
         *                                  file name
         */
        public RunSpec build() {
            return new RunSpec(pipeline, selection, onlyMissingOutputs, group, groupBy, runner, maxWorkers, runId,
                    params, loadVersions, outputs, env, journal);
        }

        private static Set<String> plus(Set<String> current, String... more) {
            Set<String> s = new LinkedHashSet<>(current);
            s.addAll(List.of(more));
            return s;
        }
    }
}
