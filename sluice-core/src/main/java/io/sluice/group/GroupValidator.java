package io.sluice.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in checks of a {@link Grouping}, on the value alone (so that a grouping read back
 * from JSON can be checked too): every node in exactly one group, an acyclic group graph, no
 * memory dataset across groups; then the project's rules. Linear in groups, dependencies and
 * boundary datasets.
 */
final class GroupValidator {
    private GroupValidator() {
    }

    static GroupCheck check(Grouping g, Map<String, ? extends GroupRule> rules) {
        List<GroupProblem> problems = new ArrayList<>();
        for (String node : g.ungrouped()) {
            problems.add(new GroupProblem.NoGroup(node));
        }
        g.inSeveralGroups().forEach((node, groups) -> problems.add(new GroupProblem.SeveralGroups(node, groups)));
        problems.addAll(cycles(g));
        for (BoundaryDataset b : g.boundaries()) {
            if (!b.persisted()) {
                problems.add(new GroupProblem.MemoryCrossing(b.dataset(), b.from(), b.to()));
            }
        }
        rules.forEach((source, rule) -> {
            for (String p : rule.check(g)) {
                problems.add(new GroupProblem.Rule(source, p));
            }
        });
        return new GroupCheck(problems);
    }

    /** One {@link GroupProblem.Cycle} per strongly connected set of groups: its shortest loop from its first group. */
    static List<GroupProblem.Cycle> cycles(Grouping g) {
        int k = g.groups().size();
        Map<String, Integer> index = new HashMap<>(k * 2);
        for (int i = 0; i < k; i++) {
            index.put(g.groups().get(i).id(), i);
        }
        int[] count = new int[k];
        for (GroupDependency d : g.dependencies()) {
            count[index.get(d.from())]++;
        }
        int[][] succ = new int[k][];
        String[][] via = new String[k][];
        for (int i = 0; i < k; i++) {
            succ[i] = new int[count[i]];
            via[i] = new String[count[i]];
            count[i] = 0;
        }
        for (GroupDependency d : g.dependencies()) { // sorted by group order already
            int f = index.get(d.from());
            succ[f][count[f]] = index.get(d.to());
            via[f][count[f]++] = d.datasets().get(0);
        }
        int[] comp = Scc.of(succ);
        int[] size = new int[k];
        for (int c : comp) {
            size[c]++;
        }
        boolean[] reported = new boolean[k];
        List<GroupProblem.Cycle> out = new ArrayList<>();
        for (int start = 0; start < k; start++) {
            int c = comp[start];
            if (size[c] > 1 && !reported[c]) {
                reported[c] = true;
                out.add(loop(g, start, comp, succ, via));
            }
        }
        return out;
    }

    /** Breadth-first from {@code start} inside its component until an edge leads back to it. */
    private static GroupProblem.Cycle loop(Grouping g, int start, int[] comp, int[][] succ, String[][] via) {
        int k = succ.length;
        int[] from = new int[k];
        Arrays.fill(from, -1);
        String[] dataset = new String[k];
        int[] queue = new int[k];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        from[start] = start;
        while (head < tail) {
            int v = queue[head++];
            for (int j = 0; j < succ[v].length; j++) {
                int w = succ[v][j];
                if (comp[w] != comp[start]) {
                    continue;
                }
                if (w == start) {
                    List<String> groups = new ArrayList<>();
                    List<String> datasets = new ArrayList<>();
                    groups.add(g.groups().get(start).id());
                    datasets.add(via[v][j]);
                    for (int u = v; u != start; u = from[u]) {
                        groups.add(g.groups().get(u).id());
                        datasets.add(dataset[u]);
                    }
                    groups.add(g.groups().get(start).id());
                    java.util.Collections.reverse(groups);
                    java.util.Collections.reverse(datasets);
                    return new GroupProblem.Cycle(groups, datasets);
                }
                if (from[w] < 0) {
                    from[w] = v;
                    dataset[w] = via[v][j];
                    queue[tail++] = w;
                }
            }
        }
        throw new IllegalStateException("a component of several groups has a loop through its first group");
    }
}
