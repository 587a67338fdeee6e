package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The strategies that read only the pipeline's structure and its persisted datasets. Each is one
 * or two linear passes over {@link Dag} in pipeline order, so groups and their keys are the same
 * in every process whatever order the nodes were declared in.
 */
final class Strategies {
    /** The group of nodes without a namespace in {@link GroupStrategy.ByNamespace}. */
    static final String NO_NAMESPACE = "no-namespace";

    private Strategies() {
    }

    static Assignment perNode(Dag dag) {
        int[] primary = new int[dag.size()];
        for (int i = 0; i < primary.length; i++) {
            primary[i] = i;
        }
        return Assignment.partition("node", Arrays.asList(dag.names), primary);
    }

    static Assignment byNamespace(Dag dag) {
        Keys keys = new Keys();
        int[] primary = new int[dag.size()];
        for (int i = 0; i < primary.length; i++) {
            String ns = dag.nodes[i].namespace();
            int dot = ns == null ? -1 : ns.indexOf('.');
            primary[i] = keys.index(ns == null ? NO_NAMESPACE : dot < 0 ? ns : ns.substring(0, dot));
        }
        return Assignment.partition("namespace", keys.list, primary);
    }

    static Assignment byTag(Dag dag, String prefix, String rest) {
        Keys keys = new Keys();
        int[] primary = new int[dag.size()];
        Map<Integer, int[]> extra = new LinkedHashMap<>();
        for (int i = 0; i < primary.length; i++) {
            TreeSet<String> groups = new TreeSet<>();
            for (String tag : dag.nodes[i].tags()) {
                if (tag.startsWith(prefix) && tag.length() > prefix.length()) {
                    groups.add(tag.substring(prefix.length()));
                }
            }
            if (groups.isEmpty()) {
                primary[i] = rest == null ? -1 : keys.index(rest);
                continue;
            }
            primary[i] = keys.index(groups.pollFirst());
            if (!groups.isEmpty()) {
                extra.put(i, groups.stream().mapToInt(keys::index).toArray());
            }
        }
        String name = "tag:" + prefix + (rest == null ? "" : ",rest=" + rest);
        return new Assignment(name, keys.list, primary, extra, false);
    }

    /**
     * Nodes joined by a memory dataset (its producer and every consumer) share a group; then
     * groups that depend on each other in a cycle (possible when data leaves a component through
     * a persisted dataset and comes back) are merged, so the result is always valid.
     */
    static Assignment memoryComponents(Dag dag) {
        UnionFind uf = new UnionFind(dag.size());
        for (int d = 0; d < dag.datasets.length; d++) {
            if (!dag.persisted[d]) {
                for (int c : dag.consumers[d]) {
                    uf.union(dag.producer[d], c);
                }
            }
        }
        Condensation.mergeCycles(dag, uf);
        return byRoots(dag, uf, "memory-components");
    }

    /**
     * Stages: the execution order cut wherever every memory dataset produced so far has been read
     * by its last consumer, so that all live data is persisted at each cut. Groups are
     * consecutive runs of the execution order: their graph is a chain, never a cycle.
     */
    static Assignment persistenceCuts(Dag dag) {
        int n = dag.size();
        int[] primary = new int[n];
        List<String> keys = new ArrayList<>();
        int reach = -1; // the last position that still reads memory produced so far
        int group = -1;
        for (int i = 0; i < n; i++) {
            if (i > reach) {
                group = keys.size();
                keys.add(dag.names[i]);
            }
            primary[i] = group;
            for (int d : dag.outputs[i]) {
                if (!dag.persisted[d] && dag.consumers[d].length > 0) {
                    reach = Math.max(reach, dag.consumers[d][dag.consumers[d].length - 1]);
                }
            }
        }
        return Assignment.partition("persistence-cuts", keys, primary);
    }

    /**
     * Branches: maximal chains. A node joins its parent's group when it is that parent's only
     * child and that parent is its only parent; every fork and join starts a new group. Chain
     * contraction never creates a cycle.
     */
    static Assignment byBranch(Dag dag) {
        int n = dag.size();
        int[] primary = new int[n];
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) { // parents come first in pipeline order
            int[] ps = dag.parents[i];
            if (ps.length == 1 && dag.children[ps[0]].length == 1) {
                primary[i] = primary[ps[0]];
            } else {
                primary[i] = keys.size();
                keys.add(dag.names[i]);
            }
        }
        return Assignment.partition("branch", keys, primary);
    }

    /** Groups of the union-find's roots, keyed by each group's first node. */
    static Assignment byRoots(Dag dag, UnionFind uf, String strategy) {
        int n = dag.size();
        int[] primary = new int[n];
        int[] groupOfRoot = new int[n];
        Arrays.fill(groupOfRoot, -1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int r = uf.find(i);
            if (groupOfRoot[r] < 0) {
                groupOfRoot[r] = keys.size();
                keys.add(dag.names[i]);
            }
            primary[i] = groupOfRoot[r];
        }
        return Assignment.partition(strategy, keys, primary);
    }

    /** Distinct keys in first-seen order. */
    static final class Keys {
        final List<String> list = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();

        int index(String key) {
            Integer i = index.get(key);
            if (i == null) {
                i = list.size();
                index.put(key, i);
                list.add(key);
            }
            return i;
        }
    }
}
