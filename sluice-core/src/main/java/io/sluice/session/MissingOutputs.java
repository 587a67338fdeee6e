package io.sluice.session;

import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.Parameters;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --only-missing-outputs}, with Kedro's {@code run_only_missing} semantics: run the nodes
 * that produce a persistent dataset that does not exist yet or a free output held in memory,
 * everything downstream of those datasets, and the upstream nodes that must run again to
 * recreate in-memory inputs of what runs (memory data does not survive a run).
 */
final class MissingOutputs {
    private MissingOutputs() {
    }

    static Pipeline select(Pipeline pipeline, DataCatalog catalog, Set<String> injected) {
        Map<String, Boolean> persistent = new HashMap<>();
        Set<String> toBuild = new HashSet<>();
        for (String name : pipeline.datasets()) {
            if (Parameters.isParameterInput(name) || RunContext.INPUT_NAME.equals(name) || injected.contains(name)) {
                continue;
            }
            Dataset<?> ds = catalog.dataset(name);
            boolean kept = ds.isPersistent();
            persistent.put(name, kept);
            boolean produced = pipeline.producerOf(name) != null;
            if (produced && (kept ? !ds.exists() : pipeline.outputs().contains(name))) {
                toBuild.add(name);
            }
        }
        Set<Node> rerun = new HashSet<>();
        Deque<Node> downstream = new ArrayDeque<>();
        for (String name : toBuild) {
            rerun.add(pipeline.producerOf(name));
            for (Node consumer : pipeline.consumersOf(name)) {
                downstream.add(consumer);
            }
        }
        Set<Node> visited = new HashSet<>();
        while (!downstream.isEmpty()) {
            Node n = downstream.pop();
            if (visited.add(n)) {
                rerun.add(n);
                downstream.addAll(pipeline.children(n));
            }
        }
        Deque<Node> upstream = new ArrayDeque<>(rerun);
        while (!upstream.isEmpty()) {
            Node n = upstream.pop();
            for (String input : n.inputs()) {
                if (Boolean.FALSE.equals(persistent.get(input))) {
                    Node p = pipeline.producerOf(input);
                    if (p != null && rerun.add(p)) {
                        upstream.add(p);
                    }
                }
            }
        }
        List<Node> kept = new ArrayList<>();
        for (Node n : pipeline.nodes()) {
            if (rerun.contains(n)) {
                kept.add(n);
            }
        }
        return Pipeline.of(kept);
    }
}
