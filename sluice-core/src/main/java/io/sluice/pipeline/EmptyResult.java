package io.sluice.pipeline;

import java.util.BitSet;
import java.util.List;
import java.util.Set;

/** Explains which filter options left a pipeline without nodes. */
final class EmptyResult {
    private EmptyResult() {
    }

    /**
     * The first option that selects nothing on its own; otherwise the first pair of options
     * (in command-line order) with nothing in common; otherwise all options together.
     */
    static String message(List<String> labels, List<BitSet> selections, Set<String> tags, Set<String> namespaces) {
        for (int i = 0; i < labels.size(); i++) {
            if (selections.get(i).isEmpty()) {
                String label = labels.get(i);
                String hint = label.startsWith("--tags=") ? " Tags in this pipeline: " + tags + "."
                        : label.startsWith("--namespaces=") ? " Namespaces in this pipeline: " + namespaces + "." : "";
                return "No node matches " + label + "." + hint;
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                if (!selections.get(i).intersects(selections.get(j))) {
                    return labels.get(i) + " and " + labels.get(j)
                            + " select no node in common. Fix: drop or widen one of them.";
                }
            }
        }
        String all = String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
        return all + " select no node in common. Fix: drop or widen one of them.";
    }
}
