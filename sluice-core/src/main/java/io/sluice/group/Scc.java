package io.sluice.group;

import java.util.Arrays;

/** Strongly connected components (Tarjan's algorithm, iterative: graphs of 100,000 vertices). */
final class Scc {
    private Scc() {
    }

    /** The component of each vertex of the graph given by successor lists; ids from 0. */
    static int[] of(int[][] successors) {
        int n = successors.length;
        int[] index = new int[n];
        Arrays.fill(index, -1);
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int[] calls = new int[n];
        int[] next = new int[n];
        int[] comp = new int[n];
        int sp = 0;
        int counter = 0;
        int comps = 0;
        for (int s = 0; s < n; s++) {
            if (index[s] >= 0) {
                continue;
            }
            int csp = 0;
            calls[csp++] = s;
            index[s] = low[s] = counter++;
            stack[sp++] = s;
            onStack[s] = true;
            while (csp > 0) {
                int v = calls[csp - 1];
                if (next[v] < successors[v].length) {
                    int w = successors[v][next[v]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        calls[csp++] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                csp--;
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        comp[w] = comps;
                    } while (w != v);
                    comps++;
                }
                if (csp > 0) {
                    int u = calls[csp - 1];
                    low[u] = Math.min(low[u], low[v]);
                }
            }
        }
        return comp;
    }
}
