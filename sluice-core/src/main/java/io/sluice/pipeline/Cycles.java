package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Names one loop among the nodes a toposort could not place, for the error message. */
final class Cycles {
    private Cycles() {
    }

    /**
     * Every node left over by Kahn's algorithm ({@code indegree > 0}) has a leftover parent, so
     * walking parents from any of them must come back to a node already seen. Starting from the
     * first leftover node by name and always stepping to the parent first by name makes the
     * reported loop the same in every process.
     *
     * @return node, dataset, node, ..., node (first and last equal), starting at the loop's
     *         first node by name
     */
    static List<String> find(Node[] byName, int[][] in, int[][] parents, int[] producer,
                             int[] indegree, List<String> datasetNames) {
        int n = byName.length;
        int startNode = -1;
        for (int r = 0; r < n && startNode < 0; r++) {
            if (indegree[r] > 0) {
                startNode = r;
            }
        }
        int[] seenAt = new int[n];
        Arrays.fill(seenAt, -1);
        List<Integer> path = new ArrayList<>();
        int cur = startNode;
        while (seenAt[cur] < 0) {
            seenAt[cur] = path.size();
            path.add(cur);
            int next = -1;
            for (int p : parents[cur]) {
                if (indegree[p] > 0 && (next < 0 || p < next)) {
                    next = p;
                }
            }
            cur = next;
        }
        // path[j..] walked backwards from cur; reverse it to follow the data forwards.
        List<Integer> loop = new ArrayList<>(path.subList(seenAt[cur], path.size()));
        java.util.Collections.reverse(loop);
        int first = 0;
        for (int i = 1; i < loop.size(); i++) {
            if (loop.get(i) < loop.get(first)) {
                first = i;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) {
            int u = loop.get((first + i) % loop.size());
            int v = loop.get((first + i + 1) % loop.size());
            names.add(byName[u].name());
            names.add(datasetNames.get(linking(u, v, in, producer)));
        }
        names.add(byName[loop.get(first)].name());
        return names;
    }

    /** The first input of {@code v}, in its declared order, that {@code u} produces. */
    private static int linking(int u, int v, int[][] in, int[] producer) {
        for (int id : in[v]) {
            if (producer[id] == u) {
                return id;
            }
        }
        throw new IllegalStateException("no dataset links the nodes");
    }
}
