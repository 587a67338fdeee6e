package io.sluice.group;

import java.util.Arrays;

/** Merges groups (sets of a union-find over nodes) that depend on each other in a cycle. */
final class Condensation {
    private Condensation() {
    }

    static void mergeCycles(Dag dag, UnionFind uf) {
        int n = dag.size();
        int[] vertexOf = new int[n];
        Arrays.fill(vertexOf, -1);
        int[] rootOfVertex = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int r = uf.find(i);
            if (vertexOf[r] < 0) {
                vertexOf[r] = k;
                rootOfVertex[k++] = r;
            }
        }
        int[] groupOf = new int[n];
        for (int i = 0; i < n; i++) {
            groupOf[i] = vertexOf[uf.find(i)];
        }
        int[][] successors = successors(dag, groupOf, k);
        int[] comp = Scc.of(successors);
        int[] firstOfComp = new int[k];
        Arrays.fill(firstOfComp, -1);
        for (int v = 0; v < k; v++) {
            if (firstOfComp[comp[v]] < 0) {
                firstOfComp[comp[v]] = v;
            } else {
                uf.union(rootOfVertex[firstOfComp[comp[v]]], rootOfVertex[v]);
            }
        }
    }

    /** The group graph of a partition ({@code groupOf}: node to group 0..k-1): per group, the distinct successor vertices, ascending. */
    static int[][] successors(Dag dag, int[] groupOf, int k) {
        int[] count = new int[k];
        long[] edges = new long[16];
        int e = 0;
        for (int i = 0; i < dag.size(); i++) {
            int from = groupOf[i];
            for (int c : dag.children[i]) {
                int to = groupOf[c];
                if (to != from) {
                    if (e == edges.length) {
                        edges = Arrays.copyOf(edges, e * 2);
                    }
                    edges[e++] = (long) from << 32 | to;
                }
            }
        }
        Arrays.sort(edges, 0, e);
        int distinct = 0;
        for (int j = 0; j < e; j++) {
            if (j == 0 || edges[j] != edges[j - 1]) {
                edges[distinct++] = edges[j];
                count[(int) (edges[j] >>> 32)]++;
            }
        }
        int[][] out = new int[k][];
        for (int v = 0; v < k; v++) {
            out[v] = new int[count[v]];
            count[v] = 0;
        }
        for (int j = 0; j < distinct; j++) {
            int from = (int) (edges[j] >>> 32);
            out[from][count[from]++] = (int) edges[j];
        }
        return out;
    }
}
