package io.sluice.group;

import io.sluice.Suggestions;
import io.sluice.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The groups of a {@link DeploySpec} on a pipeline. */
final class Explicit {
    private Explicit() {
    }

    /**
     * @throws ConfigException listing every selector that matches no node, each at its
     *                         file:line with close matches
     */
    static Assignment assign(Dag dag, DeploySpec spec) {
        int n = dag.size();
        Map<String, List<Integer>> byNamespace = new HashMap<>();
        Map<String, List<Integer>> byTag = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String ns = dag.nodes[i].namespace();
            // a node in a.b.c belongs to a, a.b and a.b.c
            if (ns != null) {
                for (int dot = ns.indexOf('.'); dot >= 0; dot = ns.indexOf('.', dot + 1)) {
                    byNamespace.computeIfAbsent(ns.substring(0, dot), k -> new ArrayList<>()).add(i);
                }
                byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(i);
            }
            for (String t : dag.nodes[i].tags()) {
                byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> keys = new ArrayList<>();
        List<BitSet> selected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        io.sluice.config.Location firstAt = null;
        for (DeploySpec.DeployGroup g : spec.groups()) {
            BitSet members = new BitSet(n);
            for (DeploySpec.Selector s : g.selectors()) {
                List<Integer> hits = switch (s.kind()) {
                    case NODE -> {
                        Integer p = dag.position.get(s.name());
                        yield p == null ? List.of() : List.of(p);
                    }
                    case NAMESPACE -> byNamespace.getOrDefault(s.name(), List.of());
                    case TAG -> byTag.getOrDefault(s.name(), List.of());
                };
                if (hits.isEmpty()) {
                    firstAt = firstAt == null ? s.location() : firstAt;
                    problems.add(s.location() + ": " + unknown(s, dag, byNamespace, byTag));
                }
                hits.forEach(members::set);
            }
            keys.add(g.id());
            selected.add(members);
        }
        if (problems.size() == 1) {
            throw new ConfigException(firstAt, problems.get(0).substring(problems.get(0).indexOf(": ") + 2),
                    "Fix the name, or remove it.");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(firstAt, problems.size() + " names in the deploy config select no node:\n  "
                    + String.join("\n  ", problems), "Fix the names, or remove them.");
        }
        int restIndex = -1;
        if (spec.rest().isPresent()) {
            restIndex = keys.indexOf(spec.rest().get());
            if (restIndex < 0) {
                restIndex = keys.size();
                keys.add(spec.rest().get());
            }
        }
        int[] primary = new int[n];
        Arrays.fill(primary, -1);
        Map<Integer, int[]> extra = new LinkedHashMap<>();
        int[] scratch = new int[keys.size()];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int g = 0; g < selected.size(); g++) {
                if (selected.get(g).get(i)) {
                    scratch[c++] = g;
                }
            }
            if (c == 0) {
                primary[i] = restIndex;
            } else {
                primary[i] = scratch[0];
                if (c > 1) {
                    extra.put(i, Arrays.copyOfRange(scratch, 1, c));
                }
            }
        }
        return new Assignment("deploy" + spec.rest().map(r -> ",rest=" + r).orElse(""), keys, primary, extra, true);
    }

    private static String unknown(DeploySpec.Selector s, Dag dag, Map<String, List<Integer>> byNamespace,
                                  Map<String, List<Integer>> byTag) {
        return switch (s.kind()) {
            case NODE -> "no node named '" + s.name() + "' in the pipeline" + hint(s.name(), dag.position.keySet());
            case NAMESPACE -> "no namespace '" + s.name() + "' in the pipeline (namespaces: "
                    + new TreeSet<>(byNamespace.keySet()) + ")" + hint(s.name(), byNamespace.keySet());
            case TAG -> "no node tagged '" + s.name() + "' in the pipeline" + hint(s.name(), byTag.keySet());
        };
    }

    private static String hint(String name, java.util.Collection<String> candidates) {
        return Suggestions.closest(name, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
