package io.sluice.session;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Injected inputs versus overrides (Hamilton's split). Injecting a free input only feeds it.
 * Injecting a dataset that a node produces overrides it: that node is removed, and so is every
 * node upstream of it that no longer contributes to any remaining output of the pipeline (its
 * free outputs and the requested outputs).
 */
final class Injection {
    private Injection() {
    }

    static Pipeline prune(Pipeline selected, Set<String> injected, Set<String> requested) {
        if (injected.isEmpty()) {
            return selected;
        }
        List<Node> remaining = new ArrayList<>();
        boolean overrides = false;
        for (Node node : selected.nodes()) {
            if (node.outputs().stream().anyMatch(injected::contains)) {
                overrides = true;
            } else {
                remaining.add(node);
            }
        }
        if (!overrides) {
            return selected;
        }
        Map<String, Node> producer = new HashMap<>();
        for (Node node : remaining) {
            for (String out : node.outputs()) {
                producer.put(out, node);
            }
        }
        Set<String> targets = new LinkedHashSet<>(selected.outputs());
        targets.addAll(requested);
        targets.removeAll(injected);
        Set<Node> keep = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(targets);
        while (!work.isEmpty()) {
            Node p = producer.get(work.pop());
            if (p != null && keep.add(p)) {
                work.addAll(p.inputs());
            }
        }
        List<Node> kept = new ArrayList<>();
        for (Node node : remaining) {
            if (keep.contains(node)) {
                kept.add(node);
            }
        }
        return Pipeline.of(kept);
    }
}
