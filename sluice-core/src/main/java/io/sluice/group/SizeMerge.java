package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Combines small neighbouring groups of a valid partition up to a target count or cost, never
 * creating a cycle.
 *
 * <p>Why no cycle: the groups are laid out in a topological order of the group graph, and only
 * two groups next to each other in that order are ever merged. No group lies between them, so no
 * path can leave the pair and come back, and the merged group keeps the order topological.
 * The order is a depth-first one (a group, then its first child...), so that neighbours in it
 * are mostly connected; pairs joined by a dependency are merged before unrelated ones (which
 * would cost parallelism), then the cheapest first. A heap of candidate pairs makes it
 * {@code O(g log g)} for {@code g} groups, plus the small-into-large merging of neighbour sets.
 */
final class SizeMerge {
    private SizeMerge() {
    }

    /**
     * @param base        a partition whose group graph is acyclic
     * @param targetCount stop at this many groups; 0 for no target
     * @param maxCost     never make a group costing more; 0 for no limit
     * @param nodeCost    per node position, its cost
     */
    static Assignment merge(Dag dag, Assignment base, int targetCount, long maxCost, long[] nodeCost,
                            String strategy) {
        int k = base.keys().size();
        int[] primary = base.primary();
        int[][] succ = Condensation.successors(dag, primary, k);
        int[] order = depthFirstTopologicalOrder(succ);
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        long[] cost = new long[k];
        for (int i = dag.size() - 1; i >= 0; i--) {
            first[primary[i]] = i;
            cost[primary[i]] += nodeCost[i];
        }
        int[] prev = new int[k];
        int[] next = new int[k];
        for (int p = 0; p < k; p++) {
            prev[order[p]] = p == 0 ? -1 : order[p - 1];
            next[order[p]] = p + 1 == k ? -1 : order[p + 1];
        }
        int[] pos = new int[k];
        for (int p = 0; p < k; p++) {
            pos[order[p]] = p;
        }
        State s = new State(k, succ, cost, first, pos, maxCost);
        for (int p = 0; p + 1 < k; p++) {
            s.offer(order[p], order[p + 1]);
        }
        int count = k;
        while (!s.heap.isEmpty() && (targetCount <= 0 || count > targetCount)) {
            Pair pair = s.heap.poll();
            int l = pair.left;
            int r = pair.right;
            if (!s.alive[l] || !s.alive[r] || next[l] != r || s.version[l] != pair.versionLeft
                    || s.version[r] != pair.versionRight) {
                continue;
            }
            s.join(l, r);
            next[l] = next[r];
            if (next[r] >= 0) {
                prev[next[r]] = l;
            }
            count--;
            if (prev[l] >= 0) {
                s.offer(prev[l], l);
            }
            if (next[l] >= 0) {
                s.offer(l, next[l]);
            }
        }
        // every base group's final key: that of the merged group's earliest member
        int[] keyOf = new int[k];
        for (int g = 0; g < k; g++) {
            keyOf[g] = s.keyGroup[s.find(g)];
        }
        List<String> keys = new ArrayList<>(base.keys());
        int[] merged = new int[primary.length];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = keyOf[primary[i]];
        }
        return Assignment.partition(strategy, keys, merged);
    }

    /** Reverse post-order of a depth-first search from the sources, lowest index first. */
    static int[] depthFirstTopologicalOrder(int[][] succ) {
        int k = succ.length;
        int[] indegree = new int[k];
        for (int[] out : succ) {
            for (int t : out) {
                indegree[t]++;
            }
        }
        int[] post = new int[k];
        int done = 0;
        boolean[] seen = new boolean[k];
        int[] stack = new int[k];
        int[] nextChild = new int[k];
        // Sources in descending index, children in descending index: the reversed post-order then
        // starts with the lowest source and follows its lowest child.
        for (int root = k - 1; root >= 0; root--) {
            if (indegree[root] != 0 || seen[root]) {
                continue;
            }
            int sp = 0;
            stack[sp++] = root;
            seen[root] = true;
            while (sp > 0) {
                int v = stack[sp - 1];
                int[] out = succ[v];
                int j = out.length - 1 - nextChild[v];
                if (j >= 0) {
                    nextChild[v]++;
                    int w = out[j];
                    if (!seen[w]) {
                        seen[w] = true;
                        stack[sp++] = w;
                    }
                } else {
                    sp--;
                    post[done++] = v;
                }
            }
        }
        if (done != k) {
            throw new IllegalStateException("the group graph has a cycle; check the grouping before merging");
        }
        int[] order = new int[k];
        for (int p = 0; p < k; p++) {
            order[p] = post[k - 1 - p];
        }
        return order;
    }

    private record Pair(int left, int right, boolean connected, long cost, int position, int versionLeft,
                        int versionRight) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            if (connected != o.connected) {
                return connected ? -1 : 1;
            }
            if (cost != o.cost) {
                return Long.compare(cost, o.cost);
            }
            return Integer.compare(position, o.position);
        }
    }

    /** The merge state: clusters (a union-find whose root is the earlier group), costs, neighbours. */
    private static final class State {
        final int[] parent;
        final boolean[] alive;
        final int[] version;
        final long[] cost;
        final int[] first;
        final int[] keyGroup;
        final int[] pos;
        final List<Set<Integer>> neighbours;
        final long maxCost;
        final PriorityQueue<Pair> heap = new PriorityQueue<>();

        State(int k, int[][] succ, long[] cost, int[] first, int[] pos, long maxCost) {
            parent = new int[k];
            alive = new boolean[k];
            version = new int[k];
            keyGroup = new int[k];
            neighbours = new ArrayList<>(k);
            for (int g = 0; g < k; g++) {
                parent[g] = g;
                alive[g] = true;
                keyGroup[g] = g;
                neighbours.add(new HashSet<>());
            }
            for (int g = 0; g < k; g++) {
                for (int t : succ[g]) {
                    neighbours.get(g).add(t);
                    neighbours.get(t).add(g);
                }
            }
            this.cost = cost;
            this.first = first;
            this.pos = pos;
            this.maxCost = maxCost;
        }

        int find(int g) {
            while (parent[g] != g) {
                parent[g] = parent[parent[g]];
                g = parent[g];
            }
            return g;
        }

        void offer(int l, int r) {
            long c = cost[l] + cost[r];
            if (maxCost > 0 && c > maxCost) {
                return;
            }
            heap.add(new Pair(l, r, connected(l, r), c, pos[l], version[l], version[r]));
        }

        /** Whether clusters {@code a} and {@code b} (roots) share a dependency. */
        boolean connected(int a, int b) {
            Set<Integer> na = neighbours.get(a);
            Set<Integer> nb = neighbours.get(b);
            Set<Integer> small = na.size() <= nb.size() ? na : nb;
            int other = small == na ? b : a;
            for (int g : small) {
                if (find(g) == other) {
                    return true;
                }
            }
            return false;
        }

        void join(int l, int r) {
            parent[r] = l;
            alive[r] = false;
            version[l]++;
            version[r]++;
            cost[l] += cost[r];
            if (first[keyGroup[r]] < first[keyGroup[l]]) {
                keyGroup[l] = keyGroup[r];
            }
            Set<Integer> a = neighbours.get(l);
            Set<Integer> b = neighbours.get(r);
            if (a.size() < b.size()) {
                Set<Integer> t = a;
                a = b;
                b = t;
            }
            a.addAll(b);
            neighbours.set(l, a);
            neighbours.set(r, Set.of());
        }
    }
}
