package io.sluice.pipeline.doc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered pipeline as data: what {@code sluice pipelines export} writes and what exporters,
 * groupers and visualisations read, without loading any class of the project (the function of
 * each node is a name, its types are type names).
 *
 * <p>The JSON form ({@link #toJson()}, {@link #fromJson(String)}) is documented by
 * {@value #SCHEMA_RESOURCE} beside this class. It is deterministic: the same pipeline and
 * catalog give the same bytes in every process and on every platform. Objects list their fields
 * in the schema's order, nodes come in execution order (toposort layers, each sorted by name),
 * datasets and parameters sorted by name, two-space indentation, {@code \n} line ends, UTF-8, no
 * timestamp.
 *
 * @param schemaVersion      the version of the format, {@value #SCHEMA_VERSION}
 * @param pipeline           the registered name
 * @param structureHash      the pipeline's {@code Pipeline.structureHash()}: changes when the
 *                           structure does, not when a function body does
 * @param nodes              the nodes in execution order
 * @param datasets           every dataset the nodes read or write (parameters, engines and the
 *                           run context excluded), sorted by name
 * @param parameters         the single parameters the nodes read, sorted by name
 * @param readsAllParameters whether a node reads the whole parameter tree ({@code parameters})
 * @param engines            the engines the nodes read ({@code engine:x}) or the datasets' entries
 *                           name, sorted
 * @param groups             the nodes mapped onto deployable groups, or {@code null} when the
 *                           export was not grouped (optional in the JSON; documents without it
 *                           are the same bytes as before it existed, so the schema version
 *                           stayed 1)
 */
public record PipelineDocument(int schemaVersion, String pipeline, String structureHash, List<NodeDoc> nodes,
                               List<DatasetDoc> datasets, List<ParamDoc> parameters, boolean readsAllParameters,
                               List<String> engines, GroupsDoc groups) {

    /** The version of the format this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The JSON Schema of the format, a resource beside this class. */
    public static final String SCHEMA_RESOURCE = "pipeline.schema.json";

    public PipelineDocument {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("pipeline document: schema_version " + schemaVersion
                    + " is not supported by this Sluice, which reads version " + SCHEMA_VERSION
                    + ". Export the pipeline with the same Sluice version.");
        }
        Docs.require(pipeline, "pipeline");
        Docs.require(structureHash, "structure_hash");
        nodes = List.copyOf(nodes);
        datasets = List.copyOf(datasets);
        parameters = List.copyOf(parameters);
        engines = List.copyOf(engines);
        unique(nodes.stream().map(NodeDoc::name).toList(), "node");
        unique(datasets.stream().map(DatasetDoc::name).toList(), "dataset");
        unique(parameters.stream().map(ParamDoc::name).toList(), "parameter");
        if (groups != null) {
            checkMembers(groups, nodes, datasets);
        }
    }

    /** A document without groups. */
    public PipelineDocument(int schemaVersion, String pipeline, String structureHash, List<NodeDoc> nodes,
            List<DatasetDoc> datasets, List<ParamDoc> parameters, boolean readsAllParameters, List<String> engines) {
        this(schemaVersion, pipeline, structureHash, nodes, datasets, parameters, readsAllParameters, engines, null);
    }

    /** This document with {@code newGroups} (or without groups, for {@code null}). */
    public PipelineDocument withGroups(GroupsDoc newGroups) {
        return new PipelineDocument(schemaVersion, pipeline, structureHash, nodes, datasets, parameters,
                readsAllParameters, engines, newGroups);
    }

    /** Every node is in exactly one group, every group member is a node, boundaries are datasets. */
    private static void checkMembers(GroupsDoc groups, List<NodeDoc> nodes, List<DatasetDoc> datasets) {
        java.util.Map<String, String> groupOf = new java.util.HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>(nodes.stream().map(NodeDoc::name).toList());
        for (GroupsDoc.Group g : groups.groups()) {
            for (String member : g.nodes()) {
                if (!names.contains(member)) {
                    throw new IllegalArgumentException("pipeline document: group '" + g.id() + "' names node '"
                            + member + "', which is not a node of the pipeline");
                }
                String other = groupOf.put(member, g.id());
                if (other != null) {
                    throw new IllegalArgumentException("pipeline document: node '" + member + "' is in groups '"
                            + other + "' and '" + g.id() + "'; a node is in exactly one group");
                }
            }
        }
        for (NodeDoc n : nodes) {
            if (!groupOf.containsKey(n.name())) {
                throw new IllegalArgumentException("pipeline document: node '" + n.name()
                        + "' is in no group; a node is in exactly one group");
            }
        }
        java.util.Set<String> datasetNames = new java.util.HashSet<>(datasets.stream().map(DatasetDoc::name).toList());
        for (GroupsDoc.Boundary b : groups.boundaries()) {
            if (!datasetNames.contains(b.dataset())) {
                throw new IllegalArgumentException("pipeline document: boundary dataset '" + b.dataset()
                        + "' is not a dataset of the pipeline");
            }
        }
    }

    private static void unique(List<String> names, String what) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("pipeline document: " + what + " '" + n + "' appears twice; "
                        + what + " names are unique");
            }
        }
    }

    /** The JSON form, deterministic (see the class comment), ending with a line feed. */
    public String toJson() {
        return PipelineJson.write(this);
    }

    /**
     * Reads a document written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the field when the JSON is not a document of a
     *                                  known schema version
     */
    public static PipelineDocument fromJson(String json) {
        return PipelineJson.read(json);
    }

    /** The node called {@code name}, or {@code null}. */
    public NodeDoc node(String name) {
        for (NodeDoc n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The dataset called {@code name}, or {@code null}. */
    public DatasetDoc dataset(String name) {
        for (DatasetDoc d : datasets) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The node producing {@code dataset}, or {@code null}. */
    public NodeDoc producerOf(String dataset) {
        for (NodeDoc n : nodes) {
            if (n.outputs().contains(dataset)) {
                return n;
            }
        }
        return null;
    }

    /** The nodes consuming {@code dataset}, in execution order. */
    public List<NodeDoc> consumersOf(String dataset) {
        List<NodeDoc> out = new ArrayList<>();
        for (NodeDoc n : nodes) {
            if (n.inputs().contains(dataset)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Each node's parents by node name: the nodes producing one of its inputs, in the order of its inputs.
     * What a grouper or a visualisation walks.
     */
    public Map<String, List<String>> dependencies() {
        Map<String, String> producers = new HashMap<>();
        for (NodeDoc n : nodes) {
            n.outputs().forEach(o -> producers.put(o, n.name()));
        }
        Map<String, List<String>> deps = new java.util.LinkedHashMap<>();
        for (NodeDoc n : nodes) {
            java.util.Set<String> parents = new java.util.LinkedHashSet<>();
            for (String in : n.inputs()) {
                String p = producers.get(in);
                if (p != null) {
                    parents.add(p);
                }
            }
            deps.put(n.name(), List.copyOf(parents));
        }
        return java.util.Collections.unmodifiableMap(deps);
    }
}
