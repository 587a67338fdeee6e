package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.Suggestions;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans {@code sluice run --resume RUN_ID} from the run's journal: which parts to run again, and
 * in each which nodes. A node is done when the journal records it completed and every persisted
 * dataset it writes exists still; the rest run again, with the producers of the memory data they
 * need ({@link ResumeAdvisor#rerun}). Refuses runs that are unknown, succeeded or still running,
 * and runs whose pipeline the project's code has changed since (unless forced), naming the nodes.
 */
final class ResumePlanner {
    /** How many run ids an unknown-run error lists. */
    private static final int LISTED = 5;

    private ResumePlanner() {
    }

    /**
     * The resume of one journal part.
     *
     * @param run      the spec to execute: the recorded one, selecting exactly {@code rerun}
     * @param recorded the spec the part recorded, recorded again by the new attempt
     * @param selected the nodes the part selects in the project's code now
     * @param rerun    the nodes to run, in execution order
     * @param carried  the journal records of the done nodes, copied into the new attempt
     * @param versions the versions the done nodes wrote, by dataset, copied with them
     */
    record Step(RunSpec run, RunSpec recorded, Pipeline selected, List<String> rerun,
                List<RunJournal.NodeRecord> carried, Map<String, Map<String, String>> versions) {
    }

    /**
     * The journal of {@code runId}, refused when it cannot be resumed: no such run (listing the
     * newest and the closest ids), a run that succeeded, a part still running in a live process.
     */
    static RunJournal resumable(JournalStore store, String runId) {
        RunJournal journal = store.read(runId).orElseThrow(() -> unknown(store, runId));
        if (journal.state() == RunState.SUCCEEDED) {
            throw new SluiceException("Run " + runId + " succeeded: there is nothing to resume. To run pipeline '"
                    + journal.pipeline() + "' again, start a new run without --resume (sluice runs show " + runId
                    + " shows how this one ran).");
        }
        for (RunJournal.Part p : journal.parts()) {
            if (!p.state().isFinal()) {
                throw new SluiceException("Run " + runId + (RunJournal.WHOLE_RUN.equals(p.group()) ? ""
                        : ", group " + p.group()) + " is still running (pid " + p.pid() + " on " + p.host()
                        + " holds its journal). Wait for it to end, or stop that process: a run whose process "
                        + "is gone reads as interrupted and can be resumed.");
            }
        }
        return journal;
    }

    private static SluiceException unknown(JournalStore store, String runId) {
        List<String> ids = store.list().stream().map(RunJournal::runId).toList();
        if (ids.isEmpty()) {
            return new SluiceException("No run '" + runId + "' in " + store.directory()
                    + ": there are no runs yet. --resume takes the id of a failed or interrupted run.");
        }
        List<String> close = Suggestions.closeMatches(runId, ids);
        return new SluiceException("No run '" + runId + "' in " + store.directory() + "."
                + (close.isEmpty() ? "" : " Did you mean " + String.join(", ", close.stream()
                .map(id -> "'" + id + "'").toList()) + "?")
                + " The newest runs: " + String.join(", ", ids.subList(0, Math.min(LISTED, ids.size())))
                + " (sluice runs list shows them all).");
    }

    /**
     * The resume of {@code part} of run {@code runId} against the project's pipeline now.
     *
     * @param registered the registered pipeline the part ran
     * @param force      resume even though the pipeline's structure changed since the run
     * @throws SluiceException when the structure changed and {@code force} is off (naming the
     *                         added, removed and changed nodes), or when nothing is left to run
     */
    static Step plan(String runId, RunJournal.Part part, Pipeline registered, DataCatalog catalog, boolean force) {
        return plan(runId, part, registered, catalog, force, false);
    }

    /**
     * {@link #plan(String, RunJournal.Part, Pipeline, DataCatalog, boolean)}, or with
     * {@code nothingLeft} a step whose {@code rerun} is empty when every node is done (a further
     * attempt of a group whose earlier attempt ran every node and was lost before it ended).
     */
    static Step plan(String runId, RunJournal.Part part, Pipeline registered, DataCatalog catalog, boolean force,
                     boolean nothingLeft) {
        RunSpec recorded = part.spec();
        Pipeline selected = selected(part, registered);
        if (!force && part.structureHash() != null && !part.structureHash().equals(selected.structureHash())) {
            throw new SluiceException(changed(runId, part, selected));
        }
        Map<String, RunJournal.NodeRecord> records = new LinkedHashMap<>();
        part.nodes().forEach(n -> records.put(n.name(), n));
        List<Node> rerun = ResumeAdvisor.rerun(selected, n -> done(n, records.get(n.name()), catalog),
                d -> !catalog.dataset(d).isPersistent());
        if (rerun.isEmpty() && !nothingLeft) {
            throw new SluiceException("Run " + runId + describe(part) + " has nothing left to run: every node "
                    + "completed and the datasets they persisted exist. Start a new run to run it again.");
        }
        Set<Node> again = new HashSet<>(rerun);
        List<RunJournal.NodeRecord> carried = new ArrayList<>();
        Map<String, Map<String, String>> versions = new LinkedHashMap<>();
        for (Node n : selected.nodes()) {
            if (!again.contains(n)) {
                RunJournal.NodeRecord r = records.get(n.name());
                carried.add(r);
                Map<String, String> written = new LinkedHashMap<>();
                for (String d : r.saved()) {
                    if (part.datasetVersions().containsKey(d)) {
                        written.put(d, part.datasetVersions().get(d));
                    }
                }
                versions.put(r.name(), written);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        rerun.forEach(n -> names.add(n.name()));
        RunSpec run = new RunSpec(recorded.pipeline(), PipelineFilter.NONE.withNodeNames(names), false,
                recorded.group(), recorded.groupBy(), recorded.runner(), recorded.maxWorkers(), runId, recorded.params(),
                recorded.loadVersions(), Set.of(), recorded.env(), true);
        return new Step(run, recorded, selected, List.copyOf(names), carried, versions);
    }

    /**
     * The nodes the part selects in the code now: its selection of the registered pipeline;
     * for a run of only the missing outputs, those of them the part ran (which outputs are
     * missing has changed since, by that run's own saves).
     */
    private static Pipeline selected(RunJournal.Part part, Pipeline registered) {
        Pipeline selected = registered.filter(part.spec().selection());
        if (!part.spec().onlyMissingOutputs()) {
            return selected;
        }
        Set<String> ran = new HashSet<>();
        part.nodes().forEach(n -> ran.add(n.name()));
        return Pipeline.of(selected.nodes().stream().filter(n -> ran.contains(n.name())).toList());
    }

    /** Whether the journal records {@code node} completed and every persisted dataset it writes exists. */
    private static boolean done(Node node, RunJournal.NodeRecord record, DataCatalog catalog) {
        if (record == null || record.state() != NodeState.COMPLETED) {
            return false;
        }
        for (String output : node.outputs()) {
            Dataset<?> ds = catalog.dataset(output);
            if (ds.isPersistent() && !ds.exists()) {
                return false; // deleted since: the node writes it again
            }
        }
        return true;
    }

    /** The refusal of a resume whose pipeline changed, naming the nodes when the journal has their hashes. */
    private static String changed(String runId, RunJournal.Part part, Pipeline selected) {
        StringBuilder m = new StringBuilder("Run ").append(runId).append(describe(part))
                .append(" cannot be resumed: the project's code changed pipeline '").append(part.spec().pipeline())
                .append("' since the run (structure ").append(abbreviate(part.structureHash())).append(" then, ")
                .append(abbreviate(selected.structureHash())).append(" now).");
        Map<String, String> then = part.nodeHashes();
        if (then.isEmpty()) {
            m.append(" Its journal predates per-node hashes, so the changed nodes cannot be named.");
        } else {
            Map<String, String> now = selected.nodeHashes();
            Set<String> added = new TreeSet<>(now.keySet());
            added.removeAll(then.keySet());
            Set<String> removed = new TreeSet<>(then.keySet());
            removed.removeAll(now.keySet());
            Set<String> changed = new TreeSet<>();
            now.forEach((name, hash) -> {
                if (then.containsKey(name) && !then.get(name).equals(hash)) {
                    changed.add(name);
                }
            });
            appendNodes(m, "Added", added);
            appendNodes(m, "Removed", removed);
            appendNodes(m, "Changed (function, inputs, outputs, tags or namespace)", changed);
            if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
                m.append(" The nodes are the same; their order changed.");
            }
        }
        m.append(" Resuming would mix outputs of two versions of the code: start a new run, or resume anyway "
                + "with sluice run --resume ").append(runId).append(" --force (the nodes the journal records as "
                + "done are skipped, the others run with the code as it is now).");
        return m.toString();
    }

    private static void appendNodes(StringBuilder m, String what, Set<String> nodes) {
        if (!nodes.isEmpty()) {
            m.append(' ').append(what).append(": ").append(String.join(", ", nodes)).append('.');
        }
    }

    private static String describe(RunJournal.Part part) {
        return RunJournal.WHOLE_RUN.equals(part.group()) ? "" : " (group " + part.group() + ")";
    }

    private static String abbreviate(String hash) {
        return hash == null ? "unknown" : hash.substring(0, Math.min(12, hash.length()));
    }
}
