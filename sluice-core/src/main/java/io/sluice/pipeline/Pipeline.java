package io.sluice.pipeline;

import io.sluice.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, validated graph of {@link Node}s, in a deterministic execution order.
 *
 * <p>Construction checks that node names are unique, that every dataset has at most one
 * producer, that no node consumes its own output and that there is no cycle. The execution
 * order is Kahn's algorithm by layers, each layer sorted by node name, so it is identical in
 * every process for the same nodes, whatever order they were given in.
 *
 * <p>Filters ({@link #fromNodes}, {@link #toOutputs}, {@link #filter}...) follow Kedro's
 * semantics and return new pipelines; they reuse this pipeline's validated structure instead of
 * validating again. Pipelines are safe to share between threads.
 */
public final class Pipeline {

    private static final Pipeline EMPTY = new Pipeline(Graph.of(List.of()));

    private final Graph graph;
    private final List<Node> nodes;
    /** Derived name sets, computed on first use: many pipelines are only run, never inspected. */
    private volatile PipelineSummary summary;
    /** {@link #structureHash()}, computed on first use. */
    private volatile String structureHash;
    /** {@link #nodeHashes()}, computed on first use. */
    private volatile Map<String, String> nodeHashes;

    private Pipeline(Graph graph) {
        this.graph = graph;
        this.nodes = Collections.unmodifiableList(Arrays.asList(graph.nodes));
    }

    // ---------------------------------------------------------------- construction

    /** The pipeline without nodes. */
    public static Pipeline empty() {
        return EMPTY;
    }

    /**
     * A pipeline of these nodes, in any order. The same node given twice (same name, same
     * definition) is kept once.
     *
     * @throws InvalidPipelineException if names clash, a dataset has two producers, or the nodes form a cycle
     * @throws InvalidNodeException     if a node's inputs do not match its function's arity
     */
    public static Pipeline of(Node... nodes) {
        return new Pipeline(Graph.of(List.of(nodes)));
    }

    /** The union of these pipelines; see {@link #plus(Pipeline)}. */
    public static Pipeline of(Pipeline... pipelines) {
        return of(Arrays.asList(pipelines));
    }

    /** A pipeline of the given {@link Node}s and the nodes of the given {@link Pipeline}s. */
    public static Pipeline of(Collection<?> parts) {
        if (parts.size() == 1 && parts.iterator().next() instanceof Pipeline p) {
            return p;
        }
        List<Node> all = new ArrayList<>();
        int i = 0;
        for (Object part : parts) {
            if (part instanceof Node n) {
                all.add(n);
            } else if (part instanceof Pipeline p) {
                all.addAll(p.nodes);
            } else {
                throw new InvalidPipelineException("Pipeline.of accepts Node and Pipeline elements, but element " + i
                        + " is " + (part == null ? "null" : "a " + part.getClass().getName())
                        + ". Fix: wrap functions with Node.node(...).");
            }
            i++;
        }
        return new Pipeline(Graph.of(all));
    }

    /**
     * Starts a namespaced reuse of {@code p}: renames its datasets, parameters and nodes under a
     * namespace, except the names explicitly mapped. See {@link ModularPipeline}.
     */
    public static ModularPipeline pipeline(Pipeline p) {
        return ModularPipeline.of(p);
    }

    /**
     * The union of both pipelines. A node present in both with the same definition is kept once;
     * two different nodes with the same name are an error.
     */
    public Pipeline plus(Pipeline other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Node> all = new ArrayList<>(size() + other.size());
        all.addAll(nodes);
        all.addAll(other.nodes);
        return new Pipeline(Graph.of(all));
    }

    /** The nodes of this pipeline whose names are not in {@code other}. */
    public Pipeline minus(Pipeline other) {
        BitSet keep = all();
        for (Node n : other.nodes) {
            int p = graph.positions.get(n.name());
            if (p >= 0) {
                keep.clear(p);
            }
        }
        return subset(keep);
    }

    /** The nodes of this pipeline whose names are also in {@code other}. */
    public Pipeline intersect(Pipeline other) {
        BitSet keep = new BitSet(size());
        for (Node n : other.nodes) {
            int p = graph.positions.get(n.name());
            if (p >= 0) {
                keep.set(p);
            }
        }
        return subset(keep);
    }

    // ---------------------------------------------------------------- structure

    /** The nodes in execution order. */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * The nodes grouped by toposort layer: every node of a layer depends only on nodes of earlier
     * layers, so the nodes of one layer may run in parallel. Each layer is sorted by name.
     */
    public List<List<Node>> layers() {
        int[] starts = graph.layerStart;
        List<List<Node>> layers = new ArrayList<>(starts.length - 1);
        for (int k = 0; k + 1 < starts.length; k++) {
            layers.add(nodes.subList(starts[k], starts[k + 1]));
        }
        return Collections.unmodifiableList(layers);
    }

    /**
     * The node of that name.
     *
     * @throws UnknownNodeException naming close matches when there is no such node
     */
    public Node node(String name) {
        return graph.nodes[position(name)];
    }

    /** The number of nodes. */
    public int size() {
        return graph.size();
    }

    /** Whether there is no node. */
    public boolean isEmpty() {
        return graph.size() == 0;
    }

    /**
     * The free inputs: names consumed by some node and produced by none, sorted. They include
     * parameter, engine and run-context inputs; see {@link #inputs(InputKind)}.
     */
    public Set<String> inputs() {
        return summary().freeInputs;
    }

    /** The free inputs of one kind, e.g. {@link InputKind#PARAMS} for the {@code params:...} the pipeline needs. */
    public Set<String> inputs(InputKind kind) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : inputs()) {
            if (InputKind.of(name) == kind) {
                out.add(name);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The free outputs: datasets produced by some node and consumed by none, sorted. */
    public Set<String> outputs() {
        return summary().freeOutputs;
    }

    /** Every name consumed or produced by a node, sorted. */
    public Set<String> datasets() {
        return summary().datasets;
    }

    /** Every name consumed by a node, sorted. */
    public Set<String> allInputs() {
        return summary().allInputs;
    }

    /** Every dataset produced by a node, sorted. */
    public Set<String> allOutputs() {
        return summary().allOutputs;
    }

    /** Every tag of every node, sorted. */
    public Set<String> tags() {
        return summary().tags;
    }

    /**
     * A fingerprint of this pipeline's structure: SHA-256 (hex) over each node, in execution
     * order, with its name, function (class, method, descriptor), inputs, outputs (and record
     * components), tags and namespace. Equal for the same structure in every process and on every
     * machine; it changes when a node is added, removed, renamed, rewired or bound to another
     * function, and not when a function's body changes. Journals record it, and deployments can
     * use it to tell whether a pipeline needs translating again.
     *
     * <p>A lambda's function is javac's synthetic method. Node functions are serializable, so javac
     * names it {@code lambda$<enclosing method>$<hash>$<n>}, the hash taken over the lambda's
     * signature and context (the variable it is assigned to, what it captures), not its body: a
     * lambda's body may change, and other lambdas may be added to the class, without changing the
     * hash (StructureHashBodyTest compiles such versions and checks it).
     */
    public String structureHash() {
        String h = structureHash;
        if (h == null) {
            StringBuilder text = new StringBuilder();
            for (Node n : nodes) {
                appendStructure(text, n);
            }
            h = sha256(text);
            structureHash = h;
        }
        return h;
    }

    /**
     * The structure hash of each node on its own, by node name in execution order: the first 16
     * hex digits (64 bits) of the SHA-256 over what {@link #structureHash()} covers of that node.
     * Two pipelines whose structure hashes differ differ in the nodes whose hashes differ, or in
     * nodes only one of them has. Journals record them (short, as one journal line holds them
     * all), so that a resume can name the nodes the project's code changed.
     */
    public Map<String, String> nodeHashes() {
        Map<String, String> h = nodeHashes;
        if (h == null) {
            Map<String, String> computed = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            for (Node n : nodes) {
                text.setLength(0);
                appendStructure(text, n);
                computed.put(n.name(), sha256(text).substring(0, 16));
            }
            h = Collections.unmodifiableMap(computed);
            nodeHashes = h;
        }
        return h;
    }

    /** One node's share of the structure text, ending with a newline. */
    private static void appendStructure(StringBuilder text, Node n) {
        FunctionRef f = n.function();
        text.append(n.name()).append('\u001f')
                .append(f == null ? "" : f.className() + "::" + f.methodName() + f.descriptor()).append('\u001f')
                .append(String.join("\u001e", n.inputs())).append('\u001f')
                .append(String.join("\u001e", n.outputs())).append('\u001f')
                .append(String.join("\u001e", n.outputComponents())).append('\u001f')
                .append(String.join("\u001e", new TreeSet<>(n.tags()))).append('\u001f')
                .append(n.namespace() == null ? "" : n.namespace()).append('\n');
    }

    private static String sha256(CharSequence text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Every node namespace, sorted (nested namespaces appear as given, e.g. {@code a.b}). */
    public Set<String> namespaces() {
        return summary().namespaces;
    }

    /** The node producing {@code dataset}, or {@code null} if none does. */
    public Node producerOf(String dataset) {
        int id = graph.datasetIds.get(dataset);
        return id < 0 || graph.producer[id] < 0 ? null : graph.nodes[graph.producer[id]];
    }

    /** The nodes consuming {@code dataset}, in execution order; empty if none does. */
    public List<Node> consumersOf(String dataset) {
        int id = graph.datasetIds.get(dataset);
        return id < 0 ? List.of() : nodesAt(graph.consumers(id));
    }

    /** The nodes producing an input of {@code node}, in execution order. */
    public List<Node> parents(Node node) {
        return nodesAt(graph.parents(position(node.name())));
    }

    /** The nodes consuming an output of {@code node}, in execution order. */
    public List<Node> children(Node node) {
        return nodesAt(graph.children(position(node.name())));
    }

    // ---------------------------------------------------------------- filters

    /**
     * Exactly the named nodes.
     *
     * @throws UnknownNodeException listing unknown names and close matches
     */
    public Pipeline onlyNodes(String... names) {
        return subset(selectNodes(List.of(names)));
    }

    /** The named nodes and every node downstream of them. */
    public Pipeline fromNodes(String... names) {
        return subset(graph.descendants(selectNodes(List.of(names))));
    }

    /** The named nodes and every node upstream of them. */
    public Pipeline toNodes(String... names) {
        return subset(graph.ancestors(selectNodes(List.of(names))));
    }

    /**
     * The nodes depending, directly or transitively, on any of these datasets.
     *
     * @throws UnknownDatasetException if a name is not a dataset of this pipeline
     */
    public Pipeline fromInputs(String... datasets) {
        return subset(selectFromInputs(List.of(datasets)));
    }

    /**
     * The nodes needed to produce these datasets: their producers and everything upstream.
     *
     * @throws UnknownDatasetException if a name is not a dataset of this pipeline
     */
    public Pipeline toOutputs(String... datasets) {
        return subset(selectToOutputs(List.of(datasets)));
    }

    /** The nodes having any of these tags. */
    public Pipeline onlyNodesWithTags(String... tags) {
        return subset(selectTags(List.of(tags)));
    }

    /**
     * The nodes whose namespace is one of these, or nested in one (prefix followed by a dot).
     *
     * @throws UnknownNamespaceException when one of them matches no node (as Kedro does)
     */
    public Pipeline onlyNodesWithNamespaces(String... namespaces) {
        return subset(selectNamespaces(List.of(namespaces)));
    }

    /**
     * The nodes selected by every non-empty option of {@code f} (their intersection); this
     * pipeline when {@code f} is empty.
     *
     * @throws EmptyPipelineException naming the option, or the options, that leave no node
     */
    public Pipeline filter(PipelineFilter f) {
        if (f.isEmpty()) {
            return this;
        }
        List<String> labels = new ArrayList<>();
        List<BitSet> selections = new ArrayList<>();
        addOption(labels, selections, "--nodes", f.nodeNames(), () -> selectNodes(f.nodeNames()));
        addOption(labels, selections, "--from-nodes", f.fromNodes(),
                () -> graph.descendants(selectNodes(f.fromNodes())));
        addOption(labels, selections, "--to-nodes", f.toNodes(), () -> graph.ancestors(selectNodes(f.toNodes())));
        addOption(labels, selections, "--from-inputs", f.fromInputs(), () -> selectFromInputs(f.fromInputs()));
        addOption(labels, selections, "--to-outputs", f.toOutputs(), () -> selectToOutputs(f.toOutputs()));
        addOption(labels, selections, "--tags", f.tags(), () -> selectTags(f.tags()));
        addOption(labels, selections, "--namespaces", f.namespaces(), () -> selectNamespaces(f.namespaces()));
        BitSet result = (BitSet) selections.get(0).clone();
        for (BitSet s : selections) {
            result.and(s);
        }
        if (result.isEmpty()) {
            throw new EmptyPipelineException(EmptyResult.message(labels, selections, tags(), namespaces()));
        }
        return subset(result);
    }

    // ---------------------------------------------------------------- text

    /** A readable listing: nodes in execution order with inputs, outputs and tags, then free inputs and outputs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("Pipeline of ").append(size()).append(size() == 1 ? " node" : " nodes").append(" in ")
                .append(graph.layerStart.length - 1).append(graph.layerStart.length == 2 ? " layer" : " layers")
                .append('\n');
        sb.append("Inputs: ").append(inputs()).append('\n');
        sb.append("Outputs: ").append(outputs()).append('\n');
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            sb.append(i + 1).append(". ").append(n.name()).append('\n');
            sb.append("   inputs:  ").append(n.inputs()).append('\n');
            sb.append("   outputs: ").append(n.outputs()).append('\n');
            if (!n.tags().isEmpty()) {
                sb.append("   tags:    ").append(n.tags()).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code Pipeline[3 nodes: a, b, c]}, listing at most the first five node names. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Pipeline[").append(size()).append(size() == 1 ? " node" : " nodes");
        for (int i = 0; i < size() && i < 5; i++) {
            sb.append(i == 0 ? ": " : ", ").append(nodes.get(i).name());
        }
        return sb.append(size() > 5 ? ", ...]" : "]").toString();
    }

    /** Equal to a pipeline with the same node definitions in the same order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Pipeline p) || p.size() != size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!graph.nodes[i].sameDefinition(p.graph.nodes[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    // ---------------------------------------------------------------- private

    private PipelineSummary summary() {
        PipelineSummary s = summary;
        if (s == null) {
            s = PipelineSummary.of(graph);
            summary = s;
        }
        return s;
    }

    private Pipeline subset(BitSet positions) {
        if (positions.cardinality() == size()) {
            return this;
        }
        return new Pipeline(graph.subset(positions));
    }

    private BitSet all() {
        BitSet b = new BitSet(size());
        b.set(0, size());
        return b;
    }

    private List<Node> nodesAt(int[] positions) {
        Node[] out = new Node[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = graph.nodes[positions[i]];
        }
        return List.of(out);
    }

    private int position(String name) {
        int p = graph.positions.get(name);
        if (p < 0) {
            throw new UnknownNodeException("Pipeline does not contain a node named '" + name + "'."
                    + Suggestions.didYouMean(List.of(name), graph.positions.keys()));
        }
        return p;
    }

    private BitSet selectNodes(Collection<String> names) {
        BitSet b = new BitSet(size());
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            int p = graph.positions.get(name);
            if (p < 0) {
                unknown.add(name);
            } else {
                b.set(p);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownNodeException("Pipeline does not contain nodes named " + unknown + "."
                    + Suggestions.didYouMean(unknown, graph.positions.keys()));
        }
        return b;
    }

    private int[] datasetIds(Collection<String> datasets) {
        int[] ids = new int[datasets.size()];
        Set<String> unknown = new TreeSet<>();
        int i = 0;
        for (String d : datasets) {
            int id = graph.datasetIds.get(d);
            if (id < 0) {
                unknown.add(d);
            } else {
                ids[i++] = id;
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownDatasetException("Pipeline does not contain datasets named " + unknown + "."
                    + Suggestions.didYouMean(unknown, graph.datasetIds.keys()));
        }
        return ids;
    }

    private BitSet selectFromInputs(Collection<String> datasets) {
        return graph.downstreamOfDatasets(datasetIds(datasets));
    }

    private BitSet selectToOutputs(Collection<String> datasets) {
        BitSet seeds = new BitSet(size());
        for (int id : datasetIds(datasets)) {
            if (graph.producer[id] >= 0) {
                seeds.set(graph.producer[id]);
            }
        }
        return graph.ancestors(seeds);
    }

    private BitSet selectTags(Collection<String> tags) {
        BitSet b = new BitSet(size());
        for (int i = 0; i < size(); i++) {
            Set<String> nodeTags = graph.nodes[i].tags();
            for (String t : tags) {
                if (nodeTags.contains(t)) {
                    b.set(i);
                    break;
                }
            }
        }
        return b;
    }

    /**
     * The nodes in any of {@code namespaces} (exactly, or nested under one). As in Kedro, a
     * namespace that matches no node is an error even when the others match: running "the
     * others" silently would hide a typo.
     *
     * @throws UnknownNamespaceException naming every namespace that matches nothing
     */
    private BitSet selectNamespaces(Collection<String> namespaces) {
        BitSet b = new BitSet(size());
        Set<String> unmatched = new TreeSet<>();
        for (String wanted : namespaces) {
            boolean matched = false;
            for (int i = 0; i < size(); i++) {
                String ns = graph.nodes[i].namespace();
                if (ns != null && (ns.equals(wanted) || ns.startsWith(wanted) && ns.length() > wanted.length()
                        && ns.charAt(wanted.length()) == '.')) {
                    b.set(i);
                    matched = true;
                }
            }
            if (!matched) {
                unmatched.add(wanted);
            }
        }
        if (!unmatched.isEmpty()) {
            throw new UnknownNamespaceException("Pipeline does not contain nodes with the following namespaces: "
                    + unmatched + ". Namespaces in this pipeline: " + namespaces() + "."
                    + Suggestions.didYouMean(unmatched, namespaces()));
        }
        return b;
    }

    private static void addOption(List<String> labels, List<BitSet> selections, String option, Set<String> values,
                                  java.util.function.Supplier<BitSet> select) {
        if (!values.isEmpty()) {
            labels.add(option + "=" + new TreeSet<>(values));
            selections.add(select.get());
        }
    }
}
