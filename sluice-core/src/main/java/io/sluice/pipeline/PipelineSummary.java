package io.sluice.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The sorted name sets of a pipeline, derived once from its graph. */
final class PipelineSummary {
    final Set<String> freeInputs;
    final Set<String> freeOutputs;
    final Set<String> datasets;
    final Set<String> allInputs;
    final Set<String> allOutputs;
    final Set<String> tags;
    final Set<String> namespaces;

    private PipelineSummary(Set<String> freeInputs, Set<String> freeOutputs, Set<String> datasets,
                            Set<String> allInputs, Set<String> allOutputs, Set<String> tags, Set<String> namespaces) {
        this.freeInputs = freeInputs;
        this.freeOutputs = freeOutputs;
        this.datasets = datasets;
        this.allInputs = allInputs;
        this.allOutputs = allOutputs;
        this.tags = tags;
        this.namespaces = namespaces;
    }

    static PipelineSummary of(Graph g) {
        List<String> freeIn = new ArrayList<>();
        List<String> freeOut = new ArrayList<>();
        List<String> allIn = new ArrayList<>();
        List<String> allOut = new ArrayList<>();
        List<String> all = new ArrayList<>(g.datasetNames.length);
        for (int id = 0; id < g.datasetNames.length; id++) {
            String name = g.datasetNames[id];
            boolean consumed = g.isConsumed(id);
            boolean produced = g.producer[id] >= 0;
            all.add(name);
            if (consumed) {
                allIn.add(name);
            }
            if (produced) {
                allOut.add(name);
            }
            if (consumed && !produced) {
                freeIn.add(name);
            }
            if (produced && !consumed) {
                freeOut.add(name);
            }
        }
        Set<String> tags = new TreeSet<>();
        Set<String> namespaces = new TreeSet<>();
        for (Node n : g.nodes) {
            tags.addAll(n.tags());
            if (n.namespace() != null) {
                namespaces.add(n.namespace());
            }
        }
        return new PipelineSummary(sorted(freeIn), sorted(freeOut), sorted(all), sorted(allIn), sorted(allOut),
                Collections.unmodifiableSet(tags), Collections.unmodifiableSet(namespaces));
    }

    private static Set<String> sorted(List<String> names) {
        names.sort(null);
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
