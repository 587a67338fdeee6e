package io.sluice.session;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Works out which nodes a resumed run must run: from the status of a run that just failed (the
 * command line renders it as a {@code sluice run} command), or from a journal
 * ({@link ResumePlanner}).
 *
 * <p>Every node that is not done must run again, and so must every done node whose output lived
 * in memory and is needed by one of them (recursively, since memory data is gone after the run).
 * The roots of that set are the nodes none of whose parents are in it, hence whose inputs are all
 * persisted.
 */
final class ResumeAdvisor {
    private ResumeAdvisor() {
    }

    /**
     * The nodes of {@code pipeline} to run again, in execution order: those not {@code done}, and
     * the producers of the in-memory datasets they need, recursively.
     *
     * @param inMemory whether a dataset lives in memory only (it is gone after the run)
     */
    static List<Node> rerun(Pipeline pipeline, Predicate<Node> done, Predicate<String> inMemory) {
        Set<Node> rerun = new HashSet<>();
        Deque<Node> work = new ArrayDeque<>();
        for (Node n : pipeline.nodes()) {
            if (!done.test(n)) {
                rerun.add(n);
                work.add(n);
            }
        }
        while (!work.isEmpty()) {
            for (String input : work.poll().inputs()) {
                Node p = pipeline.producerOf(input);
                if (p != null && !rerun.contains(p) && inMemory.test(input)) {
                    rerun.add(p);
                    work.add(p);
                }
            }
        }
        List<Node> ordered = new ArrayList<>(rerun.size());
        for (Node n : pipeline.nodes()) {
            if (rerun.contains(n)) {
                ordered.add(n);
            }
        }
        return ordered;
    }

    /** The nodes of {@code rerun} none of whose parents in {@code pipeline} is in it, in its order. */
    static List<String> roots(Pipeline pipeline, List<Node> rerun) {
        Set<Node> set = new HashSet<>(rerun);
        List<String> roots = new ArrayList<>();
        for (Node n : rerun) {
            if (pipeline.parents(n).stream().noneMatch(set::contains)) {
                roots.add(n.name());
            }
        }
        return roots;
    }

    /** The nodes to start from after a run of {@code plan} ended with {@code status}, in plan order; empty if every node completed. */
    static List<String> resumeNodes(CompiledPlan plan, byte[] status) {
        Map<Node, Integer> index = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            index.put(plan.nodes[i], i);
        }
        List<Node> rerun = rerun(plan.pipeline, n -> status[index.get(n)] == RunExecution.COMPLETED,
                d -> !plan.slots[plan.slotIndex.get(d)].persistent());
        return roots(plan.pipeline, rerun);
    }

    /**
     * The spec that resumes {@code ran} (the spec as it ran, every parameter override in it): the
     * same pipeline, group, runner, environment and parameters, the original selection
     * intersected with {@code from_nodes} = the roots; a new run id, every output. {@code null}
     * when nothing is left to run.
     */
    static RunSpec resume(CompiledPlan plan, byte[] status, RunSpec ran) {
        List<String> roots = resumeNodes(plan, status);
        if (roots.isEmpty()) {
            return null;
        }
        return new RunSpec(ran.pipeline(), ran.selection().withFromNodes(new LinkedHashSet<>(roots)), false,
                ran.group(), ran.groupBy(), ran.runner(), ran.maxWorkers(), null, ran.params(), ran.loadVersions(), Set.of(),
                ran.env(), ran.journal());
    }
}
