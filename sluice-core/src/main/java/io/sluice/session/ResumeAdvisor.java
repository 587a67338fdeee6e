package io.sluice.session;

import io.sluice.config.RuntimeParams;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.project.Project;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Works out the {@code sluice run} command that resumes a failed run.
 *
 * <p>Every node that did not complete must run again, and so must every completed node whose
 * output lived in memory and is needed by one of them (recursively, since memory data is gone
 * after the run). The command starts from the roots of that set — nodes none of whose parents are
 * in it, hence whose inputs are all persisted — and keeps the original selection options, which
 * the roots lie within, so the intersection reruns exactly the needed nodes.
 */
final class ResumeAdvisor {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=/+@%-]+");

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

    /** The full command line, or {@code null} when nothing is left to run. */
    static String command(CompiledPlan plan, byte[] status, PipelineFilter original, String env,
                          Map<String, Object> runtimeParams, String runner, int maxWorkers) {
        List<String> roots = resumeNodes(plan, status);
        if (roots.isEmpty()) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of("sluice", "run"));
        if (!Project.DEFAULT_PIPELINE.equals(plan.pipelineName)) {
            args.add("--pipeline");
            args.add(plan.pipelineName);
        }
        if (!SessionOptions.DEFAULT_ENV.equals(env)) {
            args.add("--env");
            args.add(env);
        }
        if (!runtimeParams.isEmpty()) {
            args.add("--params");
            args.add(RuntimeParams.format(runtimeParams));
        }
        if (!RunRequest.SEQUENTIAL.equals(runner)) {
            args.add("--runner");
            args.add(runner);
            if (maxWorkers > 0) {
                args.add("--max-workers");
                args.add(String.valueOf(maxWorkers));
            }
        }
        args.addAll(original.withFromNodes(new LinkedHashSet<>(roots)).toCliArgs());
        return String.join(" ", args.stream().map(ResumeAdvisor::quote).toList());
    }

    private static String quote(String arg) {
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

}
