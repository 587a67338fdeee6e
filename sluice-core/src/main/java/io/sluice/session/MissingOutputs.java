package io.sluice.session;

import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.FileDataset;
import io.sluice.io.Parameters;
import io.sluice.io.SavedFile;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --only-missing-outputs}, with Kedro's {@code run_only_missing} semantics: run the nodes
 * that produce a persistent dataset that does not exist yet or a free output held in memory,
 * everything downstream of those datasets, and the upstream nodes that must run again to
 * recreate in-memory inputs of what runs (memory data does not survive a run). One addition Kedro
 * lacks: an output older than an input of its producer counts as missing, as the run journals
 * tell (see {@link #stale}).
 */
final class MissingOutputs {
    private MissingOutputs() {
    }

    /**
     * @param lastSaved when each persisted dataset was last saved by a run with a journal (see
     *                  {@link io.sluice.journal.JournalStore#lastSaved()})
     */
    static Pipeline select(Pipeline pipeline, DataCatalog catalog, Set<String> injected,
                           Map<String, Instant> lastSaved, RunContext run) {
        Map<String, Instant> saved = new HashMap<>(lastSaved);
        Map<String, Boolean> persistent = new HashMap<>();
        Set<String> toBuild = new HashSet<>();
        Map<String, Dataset<?>> datasets = new HashMap<>();
        for (String name : pipeline.datasets()) {
            if (Parameters.isParameterInput(name) || RunContext.INPUT_NAME.equals(name) || injected.contains(name)) {
                continue;
            }
            Dataset<?> ds = catalog.dataset(name);
            datasets.put(name, ds);
            persistent.put(name, ds.isPersistent());
            recordedSave(ds, run).ifPresent(at -> saved.merge(name, at, (a, b) -> a.isAfter(b) ? a : b));
        }
        for (Map.Entry<String, Dataset<?>> e : datasets.entrySet()) {
            String name = e.getKey();
            Node producer = pipeline.producerOf(name);
            if (producer != null && (persistent.get(name)
                    ? !e.getValue().exists() || stale(name, producer, pipeline, persistent, saved)
                    : pipeline.outputs().contains(name))) {
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

    /**
     * When a file dataset's file was last saved, as its checksum record says. The journals record
     * a node's saves only once the node is done, so a run killed after a save and before that
     * record leaves new data the journals do not know of; the record, written before the data
     * file, does. Empty for other datasets, files without a record, or a record that cannot be read
     * (its load will say so).
     */
    private static Optional<Instant> recordedSave(Dataset<?> dataset, RunContext run) {
        if (!(dataset instanceof FileDataset<?> file) || !dataset.isPersistent()) {
            return Optional.empty();
        }
        try {
            return file.saved(run).map(SavedFile::savedAt);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code dataset}, which exists, is older than the persisted data it was built from —
     * the persisted inputs of its producer, looking through inputs held in memory to the persisted
     * data their producers read: some run saved such an input after {@code dataset} was last saved
     * (or {@code dataset} was never saved by a run with a journal). That is what a run killed
     * half-way leaves behind — new upstream data beside downstream outputs of an older run — and
     * those outputs must be built again even though their files exist.
     */
    private static boolean stale(String dataset, Node producer, Pipeline pipeline, Map<String, Boolean> persistent,
                                 Map<String, Instant> lastSaved) {
        Instant saved = lastSaved.get(dataset);
        Deque<Node> work = new ArrayDeque<>(List.of(producer));
        Set<Node> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Node n = work.pop();
            if (!seen.add(n)) {
                continue;
            }
            for (String input : n.inputs()) {
                Instant inputSaved = lastSaved.get(input);
                if (inputSaved != null && (saved == null || inputSaved.isAfter(saved))) {
                    return true;
                }
                Node upstream = pipeline.producerOf(input);
                if (upstream != null && Boolean.FALSE.equals(persistent.get(input))) {
                    work.push(upstream); // held in memory: what it was computed from counts
                }
            }
        }
        return false;
    }
}
