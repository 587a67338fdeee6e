package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Names one loop among the nodes a toposort could not place, for the error message. */
final class Cycles {
    private Cycles() {
    }

    /**
     * Every node left over by Kahn's algorithm ({@code indegree > 0}) has a leftover parent, so
     * walking parents from any of them must come back to a node already seen. Starting from the
     * first leftover node by name and always stepping to the parent first by name makes the
     * reported loop the same in every process. Arrays are indexed by name rank.
     *
     * @return node, dataset, node, ..., node (first and last equal), starting at the loop's
     *         first node by name
     */
    static List<String> find(Node[] byName, int[] inStart, int[] inIds, int[] parentStart, int[] parentList,
                             int[] producer, int[] indegree, List<String> datasetNames) {
        int n = byName.length;
        int cur = 0;
        while (indegree[cur] == 0) {
            cur++;
        }
        int[] seenAt = new int[n];
        Arrays.fill(seenAt, -1);
        List<Integer> path = new ArrayList<>();
        while (seenAt[cur] < 0) {
            seenAt[cur] = path.size();
            path.add(cur);
            int next = -1;
            for (int k = parentStart[cur]; k < parentStart[cur + 1]; k++) {
                int p = parentList[k];
                if (indegree[p] > 0 && (next < 0 || p < next)) {
                    next = p;
                }
            }
            cur = next;
        }
        // The walk went from child to parent; reverse it to follow the data.
        List<Integer> loop = new ArrayList<>(path.subList(seenAt[cur], path.size()));
        Collections.reverse(loop);
        int first = loop.indexOf(Collections.min(loop));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) {
            int u = loop.get((first + i) % loop.size());
            int v = loop.get((first + i + 1) % loop.size());
            names.add(byName[u].name());
            names.add(datasetNames.get(linking(u, v, inStart, inIds, producer)));
        }
        names.add(byName[loop.get(first)].name());
        return names;
    }

    /** The first input of {@code v}, in its declared order, that {@code u} produces. */
    private static int linking(int u, int v, int[] inStart, int[] inIds, int[] producer) {
        for (int k = inStart[v]; k < inStart[v + 1]; k++) {
            if (producer[inIds[k]] == u) {
                return inIds[k];
            }
        }
        throw new IllegalStateException("no dataset links the nodes");
    }
}
