package io.sluice.pipeline;

import io.sluice.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reuse of a pipeline under a namespace, with Kedro's renaming rules; obtained from
 * {@link Pipeline#pipeline(Pipeline)}, finished by {@link #build()}.
 *
 * <pre>{@code
 * Pipeline eu = Pipeline.pipeline(training)
 *         .namespace("eu")
 *         .inputs(Map.of("companies", "eu_companies"))   // connect to an upstream dataset
 *         .outputs("model")                              // expose as-is
 *         .parameters(Map.of("alpha", "eu.alpha"))
 *         .build();
 * }</pre>
 *
 * <p>Rules, applied to every input and output name of every node:
 * <ol>
 *   <li>a name mapped by {@link #inputs}, {@link #outputs} or {@link #parameters} gets its new name;</li>
 *   <li>{@code parameters}, {@code run:context} and {@code engine:*} are never renamed;</li>
 *   <li>with a namespace, {@code params:x} becomes {@code params:ns.x} and any other name
 *       {@code x} becomes {@code ns.x}.</li>
 * </ol>
 * Node namespaces become {@code ns} (or {@code ns.inner} for nodes already in {@code inner}), so
 * node names get the {@code ns.} prefix. Immutable: every method returns a new builder, and
 * mappings given in several calls add up.
 */
public final class ModularPipeline {

    private final Pipeline source;
    private final String namespace;
    private final Map<String, String> inputs;
    private final Map<String, String> outputs;
    private final Map<String, String> parameters;
    private final List<String> tags;

    private ModularPipeline(Pipeline source, String namespace, Map<String, String> inputs,
                            Map<String, String> outputs, Map<String, String> parameters, List<String> tags) {
        this.source = source;
        this.namespace = namespace;
        this.inputs = inputs;
        this.outputs = outputs;
        this.parameters = parameters;
        this.tags = tags;
    }

    static ModularPipeline of(Pipeline source) {
        return new ModularPipeline(Objects.requireNonNull(source, "pipeline"), null, Map.of(), Map.of(), Map.of(),
                List.of());
    }

    /** Prefix for every name not mapped explicitly, and the namespace of every node. */
    public ModularPipeline namespace(String namespace) {
        if (namespace != null && namespace.isBlank()) {
            throw new ModularPipelineException("pipeline(...).namespace(...) must be a non-blank name or null,"
                    + " got '" + namespace + "'.");
        }
        return new ModularPipeline(source, namespace, inputs, outputs, parameters, tags);
    }

    /** Renames free inputs of the pipeline: old name to new name, not prefixed. */
    public ModularPipeline inputs(Map<String, String> mapping) {
        return new ModularPipeline(source, namespace, merge(inputs, mapping), outputs, parameters, tags);
    }

    /** Keeps these free inputs as they are, unprefixed, to connect them to upstream datasets. */
    public ModularPipeline inputs(String... keepAsIs) {
        return inputs(identity(keepAsIs));
    }

    /** Renames outputs of the pipeline (free or intermediate): old name to new name, not prefixed. */
    public ModularPipeline outputs(Map<String, String> mapping) {
        return new ModularPipeline(source, namespace, inputs, merge(outputs, mapping), parameters, tags);
    }

    /** Keeps these outputs as they are, unprefixed, to expose them to downstream pipelines. */
    public ModularPipeline outputs(String... keepAsIs) {
        return outputs(identity(keepAsIs));
    }

    /**
     * Renames parameters the pipeline uses; names may be given with or without the
     * {@code params:} prefix ({@code "alpha"} and {@code "params:alpha"} are the same).
     */
    public ModularPipeline parameters(Map<String, String> mapping) {
        Map<String, String> normalized = new LinkedHashMap<>();
        mapping.forEach((k, v) -> {
            if (k.equals(InputKind.ALL_PARAMETERS_NAME)) {
                normalized.put(k, k);
            } else {
                normalized.put(param(k), param(v));
            }
        });
        return new ModularPipeline(source, namespace, inputs, outputs, merge(parameters, normalized), tags);
    }

    /** Keeps these parameters as they are, not prefixed by the namespace. */
    public ModularPipeline parameters(String... keepAsIs) {
        return parameters(identity(keepAsIs));
    }

    /** Tags added to every node. */
    public ModularPipeline tags(String... more) {
        List<String> t = new ArrayList<>(tags);
        t.addAll(List.of(more));
        return new ModularPipeline(source, namespace, inputs, outputs, parameters, List.copyOf(t));
    }

    /**
     * The renamed pipeline.
     *
     * @throws ModularPipelineException if a mapping names something the pipeline does not have
     * @throws InvalidPipelineException if the renaming makes two nodes produce one dataset, or a cycle
     */
    public Pipeline build() {
        validate();
        if (namespace == null && inputs.isEmpty() && outputs.isEmpty() && parameters.isEmpty() && tags.isEmpty()) {
            return source;
        }
        List<Node> renamed = new ArrayList<>(source.size());
        Map<String, String> cache = new java.util.HashMap<>(Graph.capacity(source.datasets().size()));
        for (Node n : source.nodes()) {
            String ns = namespace == null ? n.namespace()
                    : n.namespace() == null ? namespace : namespace + "." + n.namespace();
            renamed.add(n.renamed(rename(n.inputs(), cache), rename(n.outputs(), cache), ns, tags));
        }
        return Pipeline.of(renamed);
    }

    // ---------------------------------------------------------------- private

    private List<String> rename(List<String> names, Map<String, String> cache) {
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(cache.computeIfAbsent(name, this::rename));
        }
        return out;
    }

    private String rename(String name) {
        String mapped = inputs.get(name);
        if (mapped == null) {
            mapped = outputs.get(name);
        }
        if (mapped == null) {
            mapped = parameters.get(name);
        }
        if (mapped != null) {
            return mapped;
        }
        InputKind kind = InputKind.of(name);
        if (namespace == null || kind == InputKind.ALL_PARAMETERS || kind == InputKind.ENGINE
                || kind == InputKind.RUN_CONTEXT) {
            return name;
        }
        if (kind == InputKind.PARAMS) {
            return InputKind.PARAMS_PREFIX + namespace + "." + name.substring(InputKind.PARAMS_PREFIX.length());
        }
        return namespace + "." + name;
    }

    private void validate() {
        Set<String> paramsInInputs = new TreeSet<>();
        for (String k : inputs.keySet()) {
            if (InputKind.of(k).isParameter()) {
                paramsInInputs.add(k);
            }
        }
        if (!paramsInInputs.isEmpty()) {
            throw new ModularPipelineException("pipeline(...).inputs(...) maps parameters " + paramsInInputs
                    + ". Fix: map parameters with parameters(...) instead.");
        }
        Set<String> freeInputs = source.inputs();
        check("inputs", inputs.keySet(), freeInputs, "are not free inputs of the pipeline (a free input is consumed"
                + " by a node and produced by none)", "Free inputs: " + freeInputs);
        check("outputs", outputs.keySet(), source.allOutputs(), "are not produced by any node of the pipeline",
                "Outputs: " + source.allOutputs());
        Set<String> used = new TreeSet<>();
        for (String in : source.allInputs()) {
            if (InputKind.of(in).isParameter()) {
                used.add(in);
            }
        }
        check("parameters", parameters.keySet(), used, "are not used by any node of the pipeline",
                "Parameters used: " + used);
    }

    private static void check(String what, Collection<String> mapped, Set<String> allowed, String problem,
                              String known) {
        Set<String> unknown = new TreeSet<>();
        for (String m : mapped) {
            if (!allowed.contains(m)) {
                unknown.add(m);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ModularPipelineException("pipeline(...)." + what + "(...) maps " + unknown + ", which " + problem
                    + "." + Suggestions.didYouMean(unknown, allowed) + " " + known + ".");
        }
    }

    private static String param(String name) {
        return name.startsWith(InputKind.PARAMS_PREFIX) ? name : InputKind.PARAMS_PREFIX + name;
    }

    private static Map<String, String> identity(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, n);
        }
        return m;
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(base);
        more.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null || v.isBlank()) {
                throw new ModularPipelineException("pipeline(...) mappings need non-blank names, got '" + k + "' -> '"
                        + v + "'.");
            }
            m.put(k, v);
        });
        return Collections.unmodifiableMap(m);
    }
}
