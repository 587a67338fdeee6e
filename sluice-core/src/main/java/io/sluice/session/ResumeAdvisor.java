package io.sluice.session;

import io.sluice.run.RunSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Works out the spec of the run that resumes a failed run (the command line renders it as a
 * {@code sluice run} command).
 *
 * <p>Every node that did not complete must run again, and so must every completed node whose
 * output lived in memory and is needed by one of them (recursively, since memory data is gone
 * after the run). The command starts from the roots of that set — nodes none of whose parents are
 * in it, hence whose inputs are all persisted — and keeps the original selection options, which
 * the roots lie within, so the intersection reruns exactly the needed nodes.
 */
final class ResumeAdvisor {
    private ResumeAdvisor() {
    }

    /** The nodes to start from, in plan order; empty if every node completed. */
    static List<String> resumeNodes(CompiledPlan plan, byte[] status) {
        int n = plan.size();
        boolean[] rerun = new boolean[n];
        Deque<Integer> work = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (status[i] != RunExecution.COMPLETED) {
                rerun[i] = true;
                work.add(i);
            }
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            for (int s : plan.inputSlots[i]) {
                if (s < 0 || plan.slots[s].persistent()) {
                    continue;
                }
                int p = plan.producerOf(s);
                if (p >= 0 && !rerun[p]) {
                    rerun[p] = true;
                    work.add(p);
                }
            }
        }
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!rerun[i]) {
                continue;
            }
            boolean root = true;
            for (int p : plan.parents(i)) {
                if (rerun[p]) {
                    root = false;
                    break;
                }
            }
            if (root) {
                roots.add(plan.nodes[i].name());
            }
        }
        return roots;
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
                ran.group(), ran.runner(), ran.maxWorkers(), null, ran.params(), ran.loadVersions(), Set.of(),
                ran.env(), ran.journal());
    }
}
