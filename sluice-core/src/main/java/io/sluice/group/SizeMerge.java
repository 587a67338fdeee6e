package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * {@code O(g log g)} for {@code g} groups, plus the connection tests, which scan the edges of the
 * smaller of the two clusters.
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
    static Assignment merge(Dag dag, Assignment given, int targetCount, long maxCost, long[] nodeCost,
                            String strategy) {
        Assignment base = withoutEmptyGroups(given);
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
        State s = new State(succ, cost, first, order, pos, next, maxCost);
        for (int p = 0; p + 1 < k; p++) {
            s.offer(order[p], order[p + 1]);
        }
        int count = k;
        while (!s.heap.isEmpty() && (targetCount <= 0 || count > targetCount)) {
            long key = s.heap.poll();
            int l = order[(int) (key & POS_MASK)];
            int r = next[l];
            // stale when l or r was merged since: then l is gone, r is no longer next, or the cost grew
            if (!s.alive[l] || r < 0 || (key >>> POS_BITS & COST_MASK) != s.cost[l] + s.cost[r]) {
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
        return new Assignment(strategy, keys, merged, java.util.Map.of(), base.safeKeys());
    }

    /** The same partition without groups that have no member (a rest group nobody needed). */
    private static Assignment withoutEmptyGroups(Assignment a) {
        int k = a.keys().size();
        int[] remap = new int[k];
        Arrays.fill(remap, -1);
        List<String> keys = new ArrayList<>(k);
        int[] primary = a.primary().clone();
        for (int i = 0; i < primary.length; i++) {
            int g = primary[i];
            if (remap[g] < 0) {
                remap[g] = keys.size();
                keys.add(a.keys().get(g));
            }
            primary[i] = remap[g];
        }
        return keys.size() == k && Arrays.equals(primary, a.primary()) ? a
                : new Assignment(a.strategy(), keys, primary, a.extra(), a.safeKeys());
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

    private static final int POS_BITS = 22;
    private static final long POS_MASK = (1L << POS_BITS) - 1;
    private static final int COST_BITS = 40;
    private static final long COST_MASK = (1L << COST_BITS) - 1;

    /**
     * The merge state: clusters of base groups (a union-find whose root is the cluster's first
     * group in the order), their costs and member lists. Candidates are heap keys: not-connected
     * bit, cost, position of the left cluster.
     */
    private static final class State {
        final int[][] succ;
        final int[][] pred;
        final int[] parent;
        final boolean[] alive;
        final long[] cost;
        final int[] first;
        final int[] keyGroup;
        final int[] pos;
        final int[] next;
        final int[] size;
        final int[] nextMember;
        final int[] lastMember;
        final long maxCost;
        final LongHeap heap = new LongHeap();

        State(int[][] succ, long[] cost, int[] first, int[] order, int[] pos, int[] next, long maxCost) {
            int k = succ.length;
            if (k > POS_MASK) {
                throw new IllegalArgumentException("too many groups to merge: " + k);
            }
            this.succ = succ;
            pred = predecessors(succ);
            parent = new int[k];
            alive = new boolean[k];
            keyGroup = new int[k];
            size = new int[k];
            nextMember = new int[k];
            lastMember = new int[k];
            for (int g = 0; g < k; g++) {
                parent[g] = g;
                alive[g] = true;
                keyGroup[g] = g;
                size[g] = 1;
                nextMember[g] = -1;
                lastMember[g] = g;
                if (cost[g] > COST_MASK) {
                    throw new IllegalArgumentException("group cost too large to merge: " + cost[g]);
                }
            }
            this.cost = cost;
            this.first = first;
            this.pos = pos;
            this.next = next;
            this.maxCost = maxCost;
        }

        private static int[][] predecessors(int[][] succ) {
            int k = succ.length;
            int[] count = new int[k];
            for (int[] out : succ) {
                for (int t : out) {
                    count[t]++;
                }
            }
            int[][] pred = new int[k][];
            for (int g = 0; g < k; g++) {
                pred[g] = new int[count[g]];
                count[g] = 0;
            }
            for (int g = 0; g < k; g++) {
                for (int t : succ[g]) {
                    pred[t][count[t]++] = g;
                }
            }
            return pred;
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
            if (maxCost > 0 && c > maxCost || c > COST_MASK) {
                return;
            }
            long notConnected = connected(l, r) ? 0 : 1;
            heap.add(notConnected << (COST_BITS + POS_BITS) | c << POS_BITS | pos[l]);
        }

        /**
         * Whether a group of cluster {@code l} feeds one of cluster {@code r} (r follows l in a
         * topological order, so edges only go that way): the successors of the smaller cluster's
         * members, or the predecessors if {@code r} is the smaller.
         */
        boolean connected(int l, int r) {
            boolean fromLeft = size[l] <= size[r];
            int other = fromLeft ? r : l;
            for (int g = fromLeft ? l : r; g >= 0; g = nextMember[g]) {
                for (int x : fromLeft ? succ[g] : pred[g]) {
                    if (find(x) == other) {
                        return true;
                    }
                }
            }
            return false;
        }

        void join(int l, int r) {
            parent[r] = l;
            alive[r] = false;
            cost[l] += cost[r];
            size[l] += size[r];
            nextMember[lastMember[l]] = r;
            lastMember[l] = lastMember[r];
            if (first[keyGroup[r]] < first[keyGroup[l]]) {
                keyGroup[l] = keyGroup[r];
            }
        }
    }
}
