package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated, toposorted, index-based structure behind a {@link Pipeline}.
 *
 * <p>Nodes are identified by their position in the execution order; datasets by an id. All
 * adjacency is held in {@code int} arrays so that pipelines of 100,000 nodes build and filter in
 * milliseconds. Construction sorts the nodes by name first: duplicates become neighbours, and a
 * node's index in that order (its rank) is an {@code int} sort key that orders each Kahn layer
 * by name without comparing strings again.
 */
final class Graph {

    private static final Comparator<Node> BY_NAME = Comparator.comparing(Node::name);

    /** Nodes in execution order. */
    final Node[] nodes;
    /** Layer k is positions {@code [layerStart[k], layerStart[k + 1])}. */
    final int[] layerStart;
    /** Name rank of the node at each position. */
    final int[] rank;
    final Map<String, Integer> positionByName;
    final Map<String, Integer> datasetIds;
    final String[] datasetNames;
    /** By dataset id: producing node position, or -1. */
    final int[] producer;
    /** By dataset id: consuming node positions, ascending. */
    final int[][] consumers;
    /** By position: parent and child positions, ascending. */
    final int[][] parents;
    final int[][] children;

    private Graph(Node[] nodes, int[] layerStart, int[] rank, Map<String, Integer> positionByName,
                  Map<String, Integer> datasetIds, String[] datasetNames, int[] producer, int[][] consumers,
                  int[][] parents, int[][] children) {
        this.nodes = nodes;
        this.layerStart = layerStart;
        this.rank = rank;
        this.positionByName = positionByName;
        this.datasetIds = datasetIds;
        this.datasetNames = datasetNames;
        this.producer = producer;
        this.consumers = consumers;
        this.parents = parents;
        this.children = children;
    }

    /** Validates and sorts arbitrary nodes; identical duplicates (same name and definition) are kept once. */
    static Graph of(List<Node> input) {
        Node[] sorted = input.toArray(new Node[0]);
        Arrays.sort(sorted, BY_NAME);
        return build(dedupe(sorted), true);
    }

    /** The sub-graph of the nodes at the selected positions: no validation, only a fresh toposort. */
    Graph subset(BitSet selected) {
        Node[] byRank = new Node[nodes.length];
        for (int p = selected.nextSetBit(0); p >= 0; p = selected.nextSetBit(p + 1)) {
            byRank[rank[p]] = nodes[p];
        }
        Node[] sorted = new Node[selected.cardinality()];
        int k = 0;
        for (Node n : byRank) {
            if (n != null) {
                sorted[k++] = n;
            }
        }
        return build(sorted, false);
    }

    int size() {
        return nodes.length;
    }

    /** Positions in {@code seeds} and all positions downstream of them. */
    BitSet descendants(BitSet seeds) {
        return reach(seeds, children);
    }

    /** Positions in {@code seeds} and all positions upstream of them. */
    BitSet ancestors(BitSet seeds) {
        return reach(seeds, parents);
    }

    private static BitSet reach(BitSet seeds, int[][] edges) {
        BitSet seen = (BitSet) seeds.clone();
        int[] stack = new int[Math.max(16, seeds.cardinality())];
        int top = 0;
        for (int p = seeds.nextSetBit(0); p >= 0; p = seeds.nextSetBit(p + 1)) {
            stack[top++] = p;
        }
        while (top > 0) {
            int p = stack[--top];
            for (int q : edges[p]) {
                if (!seen.get(q)) {
                    seen.set(q);
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[top++] = q;
                }
            }
        }
        return seen;
    }

    // ------------------------------------------------------------------ construction

    private static Node[] dedupe(Node[] sorted) {
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            Node n = sorted[i];
            if (k > 0 && sorted[k - 1].name().equals(n.name())) {
                Node kept = sorted[k - 1];
                if (!kept.sameDefinition(n)) {
                    throw new InvalidPipelineException("Two different nodes are named '" + n.name() + "': one wraps "
                            + kept.function().qualifiedName() + " " + kept.inputs() + " -> " + kept.outputs()
                            + ", the other wraps " + n.function().qualifiedName() + " " + n.inputs() + " -> "
                            + n.outputs() + ". Fix: give one of them another name(...).");
                }
                continue;
            }
            sorted[k++] = n;
        }
        return k == sorted.length ? sorted : Arrays.copyOf(sorted, k);
    }

    /** {@code byName} must be sorted by name, without duplicates; index = rank. */
    private static Graph build(Node[] byName, boolean validate) {
        int n = byName.length;
        Map<String, Integer> datasetIds = new HashMap<>(capacity(n * 2));
        List<String> datasetNames = new ArrayList<>(n * 2);
        int[][] in = new int[n][];
        int[][] out = new int[n][];
        for (int r = 0; r < n; r++) {
            Node node = byName[r];
            if (validate) {
                node.checkArity();
                node.checkNoSelfLoop();
            }
            in[r] = ids(node.inputs(), datasetIds, datasetNames);
            out[r] = ids(node.outputs(), datasetIds, datasetNames);
        }
        int d = datasetNames.size();
        int[] producerByRank = new int[d];
        Arrays.fill(producerByRank, -1);
        for (int r = 0; r < n; r++) {
            for (int id : out[r]) {
                int other = producerByRank[id];
                if (other >= 0) {
                    throw new InvalidPipelineException("Dataset '" + datasetNames.get(id) + "' is produced by two nodes: '"
                            + byName[other].name() + "' and '" + byName[r].name()
                            + "'. Fix: rename the output of one of them; every dataset has exactly one producer.");
                }
                producerByRank[id] = r;
            }
        }

        // Parent edges by rank, each parent once even if it feeds several inputs.
        int[][] parentsByRank = new int[n][];
        int[] childCount = new int[n];
        int[] stamp = new int[n];
        Arrays.fill(stamp, -1);
        int[] buf = new int[8];
        for (int r = 0; r < n; r++) {
            int k = 0;
            for (int id : in[r]) {
                int p = producerByRank[id];
                if (p >= 0 && stamp[p] != r) {
                    stamp[p] = r;
                    if (k == buf.length) {
                        buf = Arrays.copyOf(buf, k * 2);
                    }
                    buf[k++] = p;
                    childCount[p]++;
                }
            }
            parentsByRank[r] = k == 0 ? EMPTY : Arrays.copyOf(buf, k);
        }
        int[][] childrenByRank = new int[n][];
        for (int r = 0; r < n; r++) {
            childrenByRank[r] = childCount[r] == 0 ? EMPTY : new int[childCount[r]];
        }
        int[] fill = new int[n];
        for (int r = 0; r < n; r++) {
            for (int p : parentsByRank[r]) {
                childrenByRank[p][fill[p]++] = r;
            }
        }

        // Kahn by layers; a layer is sorted by rank, i.e. by name.
        int[] indegree = new int[n];
        for (int r = 0; r < n; r++) {
            indegree[r] = parentsByRank[r].length;
        }
        int[] order = new int[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (indegree[r] == 0) {
                order[count++] = r;
            }
        }
        int[] layers = new int[n + 1];
        int layerCount = 0;
        int start = 0;
        while (start < count) {
            layers[layerCount++] = start;
            int end = count;
            for (int i = start; i < end; i++) {
                for (int c : childrenByRank[order[i]]) {
                    if (--indegree[c] == 0) {
                        order[count++] = c;
                    }
                }
            }
            Arrays.sort(order, end, count);
            start = end;
        }
        layers[layerCount] = count;
        if (count < n) {
            throw new CircularDependencyException(Cycles.find(byName, in, parentsByRank, producerByRank,
                    indegree, datasetNames));
        }

        // Re-index everything by position in the execution order.
        int[] pos = new int[n];
        Node[] nodes = new Node[n];
        Map<String, Integer> positionByName = new HashMap<>(capacity(n));
        for (int i = 0; i < n; i++) {
            pos[order[i]] = i;
            nodes[i] = byName[order[i]];
            positionByName.put(nodes[i].name(), i);
        }
        int[][] parents = new int[n][];
        int[][] children = new int[n][];
        for (int i = 0; i < n; i++) {
            parents[i] = remap(parentsByRank[order[i]], pos);
            children[i] = remap(childrenByRank[order[i]], pos);
        }
        int[] producer = new int[d];
        for (int id = 0; id < d; id++) {
            producer[id] = producerByRank[id] < 0 ? -1 : pos[producerByRank[id]];
        }
        int[][] consumers = consumers(d, in, order);
        return new Graph(nodes, Arrays.copyOf(layers, layerCount + 1), order, positionByName, datasetIds,
                datasetNames.toArray(new String[0]), producer, consumers, parents, children);
    }

    private static final int[] EMPTY = new int[0];

    private static int[][] consumers(int d, int[][] inByRank, int[] order) {
        int n = order.length;
        int[] count = new int[d];
        int[] stamp = new int[d];
        Arrays.fill(stamp, -1);
        for (int i = 0; i < n; i++) {
            for (int id : inByRank[order[i]]) {
                if (stamp[id] != i) {
                    stamp[id] = i;
                    count[id]++;
                }
            }
        }
        int[][] consumers = new int[d][];
        for (int id = 0; id < d; id++) {
            consumers[id] = count[id] == 0 ? EMPTY : new int[count[id]];
        }
        int[] fill = new int[d];
        Arrays.fill(stamp, -1);
        for (int i = 0; i < n; i++) {
            for (int id : inByRank[order[i]]) {
                if (stamp[id] != i) {
                    stamp[id] = i;
                    consumers[id][fill[id]++] = i;
                }
            }
        }
        return consumers;
    }

    private static int[] remap(int[] ranks, int[] pos) {
        if (ranks.length == 0) {
            return EMPTY;
        }
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = pos[ranks[i]];
        }
        Arrays.sort(out);
        return out;
    }

    private static int[] ids(List<String> names, Map<String, Integer> ids, List<String> all) {
        int size = names.size();
        if (size == 0) {
            return EMPTY;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            String name = names.get(i);
            Integer id = ids.get(name);
            if (id == null) {
                id = all.size();
                ids.put(name, id);
                all.add(name);
            }
            out[i] = id;
        }
        return out;
    }

    static int capacity(int expected) {
        return (int) (expected / 0.75f) + 1;
    }
}
