package io.sluice.group;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The pipeline as int arrays for the grouping algorithms: nodes by their position in execution
 * order, produced datasets by first production, each with its producer, its consumers and whether
 * the catalog persists it. Built in one pass, from a compiled pipeline or from its class-free
 * document (the same structure either way); every array is read-only afterwards.
 */
final class Dag {
    /**
     * What the grouping algorithms read of a node.
     *
     * @param namespace the namespace, or {@code null}
     */
    record Shape(String name, String namespace, Collection<String> tags, List<String> inputs, List<String> outputs) {
        static Shape of(Node n) {
            return new Shape(n.name(), n.namespace(), n.tags(), n.inputs(), n.outputs());
        }

        static Shape of(NodeDoc n) {
            return new Shape(n.name(), n.namespace(), n.tags(), n.inputs(), n.outputs());
        }
    }

    final Shape[] nodes;
    final String[] names;
    final Map<String, Integer> position;
    final String[] datasets;
    final int[] producer;
    /** Per dataset, the distinct consumer positions, ascending. */
    final int[][] consumers;
    final boolean[] persisted;
    /** Per node, the ids of the datasets it produces, in declared order. */
    final int[][] outputs;
    /** Per node, the distinct producers of its inputs, ascending. */
    final int[][] parents;
    /** Per node, the distinct consumers of its outputs, ascending. */
    final int[][] children;

    private Dag(Shape[] nodes, String[] names, Map<String, Integer> position, String[] datasets, int[] producer,
                int[][] consumers, boolean[] persisted, int[][] outputs, int[][] parents, int[][] children) {
        this.nodes = nodes;
        this.names = names;
        this.position = position;
        this.datasets = datasets;
        this.producer = producer;
        this.consumers = consumers;
        this.persisted = persisted;
        this.outputs = outputs;
        this.parents = parents;
        this.children = children;
    }

    int size() {
        return nodes.length;
    }

    static Dag of(Pipeline pipeline, Predicate<String> persisted) {
        return of(pipeline.nodes().stream().map(Shape::of).toArray(Shape[]::new), persisted);
    }

    /** The document's nodes (in execution order), persisted as its datasets say. */
    static Dag of(PipelineDocument document) {
        Set<String> persisted = document.datasets().stream().filter(DatasetDoc::persisted).map(DatasetDoc::name)
                .collect(Collectors.toSet());
        return of(document.nodes().stream().map(Shape::of).toArray(Shape[]::new), persisted::contains);
    }

    private static Dag of(Shape[] nodes, Predicate<String> persisted) {
        int n = nodes.length;
        String[] names = new String[n];
        Map<String, Integer> position = new HashMap<>(n * 2);
        Map<String, Integer> ids = new HashMap<>(n * 2);
        int[][] outputs = new int[n][];
        String[] datasets = new String[16];
        int[] producer = new int[16];
        int count = 0;
        for (int i = 0; i < n; i++) {
            names[i] = nodes[i].name();
            position.put(names[i], i);
            List<String> outs = nodes[i].outputs();
            int[] o = new int[outs.size()];
            for (int k = 0; k < o.length; k++) {
                if (count == datasets.length) {
                    datasets = Arrays.copyOf(datasets, count * 2);
                    producer = Arrays.copyOf(producer, count * 2);
                }
                datasets[count] = outs.get(k);
                producer[count] = i;
                ids.put(outs.get(k), count);
                o[k] = count++;
            }
            outputs[i] = o;
        }
        datasets = Arrays.copyOf(datasets, count);
        producer = Arrays.copyOf(producer, count);
        int[][] consumers = new int[count][];
        int[] consumerCount = new int[count];
        int[][] parents = new int[n][];
        int[] childCount = new int[n];
        int[] scratch = new int[8];
        for (int i = 0; i < n; i++) {
            int p = 0;
            for (String in : nodes[i].inputs()) {
                Integer id = ids.get(in);
                if (id == null) {
                    continue;
                }
                int[] cs = consumers[id];
                if (cs == null) {
                    cs = consumers[id] = new int[2];
                }
                int c = consumerCount[id];
                if (c > 0 && cs[c - 1] == i) {
                    continue; // the same input listed twice
                }
                if (c == cs.length) {
                    cs = consumers[id] = Arrays.copyOf(cs, c * 2);
                }
                cs[consumerCount[id]++] = i;
                int prod = producer[id];
                if (p == scratch.length) {
                    scratch = Arrays.copyOf(scratch, p * 2);
                }
                if (!contains(scratch, p, prod)) {
                    scratch[p++] = prod;
                    childCount[prod]++;
                }
            }
            int[] ps = Arrays.copyOf(scratch, p);
            Arrays.sort(ps);
            parents[i] = ps;
        }
        boolean[] persist = new boolean[count];
        for (int d = 0; d < count; d++) {
            consumers[d] = consumers[d] == null ? new int[0] : Arrays.copyOf(consumers[d], consumerCount[d]);
            persist[d] = persisted.test(datasets[d]);
        }
        int[][] children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = new int[childCount[i]];
            childCount[i] = 0;
        }
        for (int i = 0; i < n; i++) { // ascending i: every child list comes out sorted
            for (int p : parents[i]) {
                children[p][childCount[p]++] = i;
            }
        }
        return new Dag(nodes, names, position, datasets, producer, consumers, persist, outputs, parents, children);
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
