package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the {@link Grouping} of an {@link Assignment}: groups ordered by their first member's
 * position, safe unique ids, members in pipeline order, dependencies and boundary datasets. One
 * pass over nodes and one over datasets.
 */
final class GroupingBuilder {
    private GroupingBuilder() {
    }

    static Grouping build(String pipeline, Dag dag, Assignment a) {
        int groupCount = a.keys().size();
        int n = dag.size();
        // rank groups by their first member: one pass in pipeline order
        int[] rank = new int[groupCount];
        Arrays.fill(rank, -1);
        List<String> orderedKeys = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < n; i++) {
            int p = a.primary()[i];
            if (p >= 0 && rank[p] < 0) {
                rank[p] = used++;
                orderedKeys.add(a.keys().get(p));
            }
            int[] more = a.extra().isEmpty() ? null : a.extra().get(i);
            if (more != null) {
                for (int g : more) {
                    if (rank[g] < 0) {
                        rank[g] = used++;
                        orderedKeys.add(a.keys().get(g));
                    }
                }
            }
        }
        String[] ids = GroupIds.unique(orderedKeys, a.safeKeys());
        // members
        List<List<String>> members = new ArrayList<>(used);
        for (int r = 0; r < used; r++) {
            members.add(new ArrayList<>());
        }
        List<String> ungrouped = new ArrayList<>();
        Map<String, List<String>> several = new LinkedHashMap<>();
        int[] none = new int[0];
        for (int i = 0; i < n; i++) {
            int p = a.primary()[i];
            int[] more = a.extra().getOrDefault(i, none);
            if (p < 0 && more.length == 0) {
                ungrouped.add(dag.names[i]);
                continue;
            }
            List<String> in = more.length == 0 ? null : new ArrayList<>();
            if (p >= 0) {
                members.get(rank[p]).add(dag.names[i]);
                if (in != null) {
                    in.add(ids[rank[p]]);
                }
            }
            for (int g : more) {
                members.get(rank[g]).add(dag.names[i]);
                in.add(ids[rank[g]]);
            }
            if (in != null && in.size() > 1) {
                several.put(dag.names[i], in);
            }
        }
        List<Group> groups = new ArrayList<>(used);
        for (int r = 0; r < used; r++) {
            groups.add(new Group(ids[r], members.get(r)));
        }
        return new Grouping(pipeline, a.strategy(), groups, dependencies(dag, a, rank, ids), boundaries(dag, a, rank,
                ids), ungrouped, several);
    }

    /** The group ranks of node {@code i}: primary first, then extras. */
    private static int[] ranksOf(Assignment a, int[] rank, int i) {
        int p = a.primary()[i];
        int[] more = a.extra().get(i);
        if (more == null) {
            return p < 0 ? new int[0] : new int[] {rank[p]};
        }
        int[] out = new int[more.length + (p < 0 ? 0 : 1)];
        int k = 0;
        if (p >= 0) {
            out[k++] = rank[p];
        }
        for (int g : more) {
            out[k++] = rank[g];
        }
        return out;
    }

    /**
     * Every (from, to, dataset) edge in dataset order, then two stable counting sorts (by to,
     * then by from): dependencies in group order, each one's datasets in producer order.
     */
    private static List<GroupDependency> dependencies(Dag dag, Assignment a, int[] rank, String[] ids) {
        int k = ids.length;
        boolean simple = a.extra().isEmpty();
        int[] from = new int[16];
        int[] to = new int[16];
        int[] via = new int[16];
        int e = 0;
        for (int d = 0; d < dag.datasets.length; d++) {
            int[] fs = simple ? single(a, rank, dag.producer[d]) : ranksOf(a, rank, dag.producer[d]);
            for (int c : dag.consumers[d]) {
                int[] ts = simple ? single(a, rank, c) : ranksOf(a, rank, c);
                for (int f : fs) {
                    for (int t : ts) {
                        if (f != t) {
                            if (e == from.length) {
                                from = Arrays.copyOf(from, e * 2);
                                to = Arrays.copyOf(to, e * 2);
                                via = Arrays.copyOf(via, e * 2);
                            }
                            from[e] = f;
                            to[e] = t;
                            via[e++] = d;
                        }
                    }
                }
            }
        }
        int[] byTo = countingSort(to, identity(e), e, k);
        int[] order = countingSort(from, byTo, e, k);
        List<GroupDependency> out = new ArrayList<>();
        int j = 0;
        while (j < e) {
            int f = from[order[j]];
            int t = to[order[j]];
            List<String> datasets = new ArrayList<>(2);
            int last = -1;
            for (; j < e && from[order[j]] == f && to[order[j]] == t; j++) {
                int d = via[order[j]];
                if (d != last) {
                    datasets.add(dag.datasets[d]);
                    last = d;
                }
            }
            out.add(new GroupDependency(ids[f], ids[t], datasets));
        }
        return out;
    }

    private static int[] identity(int e) {
        int[] out = new int[e];
        for (int i = 0; i < e; i++) {
            out[i] = i;
        }
        return out;
    }

    /** {@code items} (indexes into {@code key}) stably sorted by {@code key}, whose values are below {@code k}. */
    private static int[] countingSort(int[] key, int[] items, int e, int k) {
        int[] start = new int[k + 1];
        for (int i = 0; i < e; i++) {
            start[key[items[i]] + 1]++;
        }
        for (int g = 0; g < k; g++) {
            start[g + 1] += start[g];
        }
        int[] out = new int[e];
        for (int i = 0; i < e; i++) {
            out[start[key[items[i]]]++] = items[i];
        }
        return out;
    }

    private static final int[] NONE = new int[0];

    private static int[] single(Assignment a, int[] rank, int node) {
        int p = a.primary()[node];
        return p < 0 ? NONE : new int[] {rank[p]};
    }

    private static List<BoundaryDataset> boundaries(Dag dag, Assignment a, int[] rank, String[] ids) {
        List<BoundaryDataset> out = new ArrayList<>();
        for (int d = 0; d < dag.datasets.length; d++) {
            boolean simple = a.extra().isEmpty();
            int[] from = simple ? single(a, rank, dag.producer[d]) : ranksOf(a, rank, dag.producer[d]);
            if (from.length == 0) {
                continue;
            }
            int f = from[0];
            int[] to = null;
            int count = 0;
            for (int c : dag.consumers[d]) {
                for (int t : simple ? single(a, rank, c) : ranksOf(a, rank, c)) {
                    if (t != f) {
                        if (to == null) {
                            to = new int[4];
                        } else if (count == to.length) {
                            to = Arrays.copyOf(to, count * 2);
                        }
                        to[count++] = t;
                    }
                }
            }
            if (to != null) {
                int[] sorted = Arrays.stream(to, 0, count).sorted().distinct().toArray();
                List<String> toIds = new ArrayList<>(sorted.length);
                for (int t : sorted) {
                    toIds.add(ids[t]);
                }
                out.add(new BoundaryDataset(dag.datasets[d], ids[f], toIds, dag.persisted[d]));
            }
        }
        return out;
    }
}
