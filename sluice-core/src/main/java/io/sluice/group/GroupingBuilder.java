package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
        // order groups by first member
        int[] first = new int[groupCount];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = n - 1; i >= 0; i--) {
            if (a.primary()[i] >= 0) {
                first[a.primary()[i]] = i;
            }
        }
        a.extra().forEach((node, gs) -> {
            for (int g : gs) {
                first[g] = Math.min(first[g], node);
            }
        });
        Integer[] byFirst = new Integer[groupCount];
        for (int g = 0; g < groupCount; g++) {
            byFirst[g] = g;
        }
        Arrays.sort(byFirst, (x, y) -> first[x] != first[y] ? Integer.compare(first[x], first[y])
                : Integer.compare(x, y));
        int[] rank = new int[groupCount];
        List<String> orderedKeys = new ArrayList<>(groupCount);
        int used = 0;
        for (Integer g : byFirst) {
            if (first[g] == Integer.MAX_VALUE) {
                rank[g] = -1; // no member: not a group
                continue;
            }
            rank[g] = used++;
            orderedKeys.add(a.keys().get(g));
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

    private static List<GroupDependency> dependencies(Dag dag, Assignment a, int[] rank, String[] ids) {
        Map<Long, List<String>> edges = new HashMap<>();
        boolean simple = a.extra().isEmpty();
        for (int d = 0; d < dag.datasets.length; d++) {
            int[] from = simple ? single(a, rank, dag.producer[d]) : ranksOf(a, rank, dag.producer[d]);
            for (int c : dag.consumers[d]) {
                int[] to = simple ? single(a, rank, c) : ranksOf(a, rank, c);
                for (int f : from) {
                    for (int t : to) {
                        if (f != t) {
                            List<String> via = edges.computeIfAbsent((long) f << 32 | t, k -> new ArrayList<>(2));
                            if (via.isEmpty() || !via.get(via.size() - 1).equals(dag.datasets[d])) {
                                via.add(dag.datasets[d]);
                            }
                        }
                    }
                }
            }
        }
        long[] keys = new long[edges.size()];
        int k = 0;
        for (long key : edges.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys);
        List<GroupDependency> out = new ArrayList<>(keys.length);
        for (long key : keys) {
            out.add(new GroupDependency(ids[(int) (key >>> 32)], ids[(int) key], edges.get(key)));
        }
        return out;
    }

    private static int[] single(Assignment a, int[] rank, int node) {
        int p = a.primary()[node];
        return p < 0 ? new int[0] : new int[] {rank[p]};
    }

    private static List<BoundaryDataset> boundaries(Dag dag, Assignment a, int[] rank, String[] ids) {
        List<BoundaryDataset> out = new ArrayList<>();
        for (int d = 0; d < dag.datasets.length; d++) {
            int[] from = ranksOf(a, rank, dag.producer[d]);
            if (from.length == 0) {
                continue;
            }
            int f = from[0];
            int[] to = null;
            int count = 0;
            for (int c : dag.consumers[d]) {
                for (int t : ranksOf(a, rank, c)) {
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
