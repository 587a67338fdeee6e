package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The validated, toposorted, index-based structure behind a {@link Pipeline}.
 *
 * <p>Nodes are identified by their position in the execution order, datasets by an id. Adjacency
 * is held in flat arrays (compressed rows: {@code list[start[i] .. start[i + 1])}), so that a
 * pipeline of 100,000 nodes builds and filters in milliseconds and leaves little garbage.
 * Construction sorts the nodes by name first: duplicates become neighbours, and a node's index
 * in that order (its rank) is an {@code int} key that orders each Kahn layer by name without
 * comparing strings again.
 */
final class Graph {

    private static final int[] EMPTY = new int[0];

    /** Nodes in execution order. */
    final Node[] nodes;
    /** Layer k is positions {@code [layerStart[k], layerStart[k + 1])}. */
    final int[] layerStart;
    /** Name rank of the node at each position. */
    final int[] rank;
    final NameIndex positions;
    final NameIndex datasetIds;
    final String[] datasetNames;
    /** By dataset id: producing node position, or -1. */
    final int[] producer;
    private final int[] consumerStart;
    private final int[] consumerList;
    private final int[] parentStart;
    private final int[] parentList;
    private final int[] childStart;
    private final int[] childList;

    private Graph(Node[] nodes, int[] layerStart, int[] rank, NameIndex positions, NameIndex datasetIds,
                  String[] datasetNames, int[] producer, int[] consumerStart, int[] consumerList,
                  int[] parentStart, int[] parentList, int[] childStart, int[] childList) {
        this.nodes = nodes;
        this.layerStart = layerStart;
        this.rank = rank;
        this.positions = positions;
        this.datasetIds = datasetIds;
        this.datasetNames = datasetNames;
        this.producer = producer;
        this.consumerStart = consumerStart;
        this.consumerList = consumerList;
        this.parentStart = parentStart;
        this.parentList = parentList;
        this.childStart = childStart;
        this.childList = childList;
    }

    /** Validates and sorts arbitrary nodes; identical duplicates (same name and definition) are kept once. */
    static Graph of(List<Node> input) {
        Node[] given = input.toArray(new Node[0]);
        String[] names = new String[given.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = given[i].name();
        }
        int[] order = NameOrder.of(names);
        Node[] sorted = new Node[names.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = given[order[i]];
        }
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

    int[] parents(int position) {
        return Arrays.copyOfRange(parentList, parentStart[position], parentStart[position + 1]);
    }

    int[] children(int position) {
        return Arrays.copyOfRange(childList, childStart[position], childStart[position + 1]);
    }

    int[] consumers(int datasetId) {
        return Arrays.copyOfRange(consumerList, consumerStart[datasetId], consumerStart[datasetId + 1]);
    }

    boolean isConsumed(int datasetId) {
        return consumerStart[datasetId + 1] > consumerStart[datasetId];
    }

    /** Positions in {@code seeds} and all positions downstream of them. */
    BitSet descendants(BitSet seeds) {
        return reach(seeds, childStart, childList);
    }

    /** Positions in {@code seeds} and all positions upstream of them. */
    BitSet ancestors(BitSet seeds) {
        return reach(seeds, parentStart, parentList);
    }

    /** Positions of nodes consuming any of the datasets, and everything downstream. */
    BitSet downstreamOfDatasets(int[] ids) {
        BitSet seeds = new BitSet(size());
        for (int id : ids) {
            for (int k = consumerStart[id]; k < consumerStart[id + 1]; k++) {
                seeds.set(consumerList[k]);
            }
        }
        return descendants(seeds);
    }

    private BitSet reach(BitSet seeds, int[] start, int[] list) {
        BitSet seen = (BitSet) seeds.clone();
        int[] stack = new int[size()];
        int top = 0;
        for (int p = seeds.nextSetBit(0); p >= 0; p = seeds.nextSetBit(p + 1)) {
            stack[top++] = p;
        }
        while (top > 0) {
            int p = stack[--top];
            for (int k = start[p]; k < start[p + 1]; k++) {
                int q = list[k];
                if (!seen.get(q)) {
                    seen.set(q);
                    stack[top++] = q;
                }
            }
        }
        return seen;
    }

    // ------------------------------------------------------------------ construction

    private static Node[] dedupe(Node[] sorted) {
        int k = 0;
        for (Node n : sorted) {
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
        int inTotal = 0;
        int outTotal = 0;
        for (Node node : byName) {
            if (validate) {
                node.checkArity();
            }
            inTotal += node.inputs().size();
            outTotal += node.outputs().size();
        }
        // Dataset ids and per-rank input/output ids, as compressed rows.
        NameIndex datasetIds = new NameIndex(inTotal + outTotal);
        List<String> datasetNames = new ArrayList<>();
        int[] inStart = new int[n + 1];
        int[] inIds = new int[inTotal];
        int[] outIds = new int[outTotal];
        int[] outStart = new int[n + 1];
        for (int r = 0, ki = 0, ko = 0; r < n; r++) {
            inStart[r] = ki;
            outStart[r] = ko;
            for (String s : byName[r].inputs()) {
                inIds[ki++] = id(s, datasetIds, datasetNames);
            }
            for (String s : byName[r].outputs()) {
                outIds[ko++] = id(s, datasetIds, datasetNames);
            }
        }
        inStart[n] = inTotal;
        outStart[n] = outTotal;
        int d = datasetNames.size();
        int[] producerByRank = new int[d];
        Arrays.fill(producerByRank, -1);
        for (int r = 0; r < n; r++) {
            for (int k = outStart[r]; k < outStart[r + 1]; k++) {
                int id = outIds[k];
                int other = producerByRank[id];
                if (other >= 0) {
                    throw new InvalidPipelineException("Dataset '" + datasetNames.get(id) + "' is produced by two"
                            + " nodes: '" + byName[other].name() + "' and '" + byName[r].name()
                            + "'. Fix: rename the output of one of them; every dataset has exactly one producer.");
                }
                producerByRank[id] = r;
            }
        }

        // Parent edges by rank, each parent once even if it feeds several inputs.
        int[] parentStartR = new int[n + 1];
        int[] parentListR = new int[inTotal];
        int[] childCount = new int[n];
        int[] stamp = new int[n];
        Arrays.fill(stamp, -1);
        int edges = 0;
        for (int r = 0; r < n; r++) {
            parentStartR[r] = edges;
            for (int k = inStart[r]; k < inStart[r + 1]; k++) {
                int p = producerByRank[inIds[k]];
                if (p == r) {
                    byName[r].checkNoSelfLoop(); // throws, naming the dataset
                }
                if (p >= 0 && stamp[p] != r) {
                    stamp[p] = r;
                    parentListR[edges++] = p;
                    childCount[p]++;
                }
            }
        }
        parentStartR[n] = edges;
        int[] childStartR = new int[n + 1];
        for (int r = 0; r < n; r++) {
            childStartR[r + 1] = childStartR[r] + childCount[r];
        }
        int[] childListR = new int[edges];
        int[] fill = Arrays.copyOf(childStartR, n);
        for (int r = 0; r < n; r++) {
            for (int k = parentStartR[r]; k < parentStartR[r + 1]; k++) {
                childListR[fill[parentListR[k]]++] = r;
            }
        }

        // Kahn by layers; a layer is sorted by rank, i.e. by name.
        int[] indegree = new int[n];
        for (int r = 0; r < n; r++) {
            indegree[r] = parentStartR[r + 1] - parentStartR[r];
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
                int u = order[i];
                for (int k = childStartR[u]; k < childStartR[u + 1]; k++) {
                    if (--indegree[childListR[k]] == 0) {
                        order[count++] = childListR[k];
                    }
                }
            }
            Arrays.sort(order, end, count);
            start = end;
        }
        layers[layerCount] = count;
        if (count < n) {
            throw new CircularDependencyException(Cycles.find(byName, inStart, inIds, parentStartR, parentListR,
                    producerByRank, indegree, datasetNames));
        }

        // Re-index by position in the execution order.
        int[] pos = new int[n];
        Node[] nodes = new Node[n];
        NameIndex positions = new NameIndex(n);
        for (int i = 0; i < n; i++) {
            pos[order[i]] = i;
            nodes[i] = byName[order[i]];
            positions.putIfAbsent(nodes[i].name(), i);
        }
        int[] parentStart = new int[n + 1];
        int[] parentList = new int[edges];
        int[] childStart = new int[n + 1];
        int[] childList = new int[edges];
        for (int i = 0, kp = 0, kc = 0; i < n; i++) {
            int r = order[i];
            parentStart[i] = kp;
            for (int k = parentStartR[r]; k < parentStartR[r + 1]; k++) {
                parentList[kp++] = pos[parentListR[k]];
            }
            Arrays.sort(parentList, parentStart[i], kp);
            childStart[i] = kc;
            for (int k = childStartR[r]; k < childStartR[r + 1]; k++) {
                childList[kc++] = pos[childListR[k]];
            }
            Arrays.sort(childList, childStart[i], kc);
        }
        parentStart[n] = edges;
        childStart[n] = edges;
        int[] producer = new int[d];
        for (int id = 0; id < d; id++) {
            producer[id] = producerByRank[id] < 0 ? -1 : pos[producerByRank[id]];
        }

        // Consumers by dataset, in execution order, each node once.
        int[] consumerStart = new int[d + 1];
        int[] dsStamp = new int[d];
        Arrays.fill(dsStamp, -1);
        for (int i = 0; i < n; i++) {
            int r = order[i];
            for (int k = inStart[r]; k < inStart[r + 1]; k++) {
                if (dsStamp[inIds[k]] != i) {
                    dsStamp[inIds[k]] = i;
                    consumerStart[inIds[k] + 1]++;
                }
            }
        }
        for (int id = 0; id < d; id++) {
            consumerStart[id + 1] += consumerStart[id];
        }
        int[] consumerList = new int[consumerStart[d]];
        int[] cfill = Arrays.copyOf(consumerStart, d);
        Arrays.fill(dsStamp, -1);
        for (int i = 0; i < n; i++) {
            int r = order[i];
            for (int k = inStart[r]; k < inStart[r + 1]; k++) {
                if (dsStamp[inIds[k]] != i) {
                    dsStamp[inIds[k]] = i;
                    consumerList[cfill[inIds[k]]++] = i;
                }
            }
        }
        return new Graph(nodes, Arrays.copyOf(layers, layerCount + 1), order, positions, datasetIds,
                datasetNames.toArray(new String[0]), producer, consumerStart, consumerList, parentStart, parentList,
                childStart, childList);
    }

    private static int id(String name, NameIndex ids, List<String> all) {
        int existing = ids.putIfAbsent(name, all.size());
        if (existing >= 0) {
            return existing;
        }
        all.add(name);
        return all.size() - 1;
    }

    static int capacity(int expected) {
        return (int) (expected / 0.75f) + 1;
    }
}
