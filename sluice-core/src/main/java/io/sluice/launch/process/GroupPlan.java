package io.sluice.launch.process;

import io.sluice.group.GroupDependency;
import io.sluice.group.Grouping;
import io.sluice.journal.JournalStore;
import io.sluice.launch.Launch;
import io.sluice.launch.LaunchRefusedException;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of one run whose groups run apart (each its own process, container or remote
 * activity) under one run id: the validated grouping, the groups each group reads from, the
 * groups of the run id that already succeeded (so that launching again finishes a failed launch),
 * and the group-run spec of each group. Shared by every launcher that runs groups apart — the
 * {@code process} launcher here, distributed launchers elsewhere — so that all of them refuse,
 * order and resume the same way. Immutable.
 *
 * @param pipeline the registered pipeline
 * @param runId    the run id every group runs under
 * @param grouping the validated grouping of the session's deploy config
 * @param needs    for each group id, in grouping order, the ids of the groups it reads from
 * @param done     the groups whose journal part of {@code runId} succeeded already
 * @param params   the parameter overrides of every group: the session's runtime params, then the spec's
 * @param env      the environment every group runs in
 * @param loadVersions the pinned load versions of the request
 * @param maxWorkers   the request's max workers, passed to each group's runner
 */
public record GroupPlan(String pipeline, String runId, Grouping grouping, Map<String, Set<String>> needs,
                        Set<String> done, Map<String, Object> params, String env, Map<String, String> loadVersions,
                        int maxWorkers) {

    public GroupPlan {
        needs = copy(needs);
        done = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(done)); // in journal order, for messages
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        loadVersions = Map.copyOf(loadVersions);
    }

    /**
     * Plans {@code launch}: refuses what groups cannot carry (a node selection,
     * {@code --only-missing-outputs}, {@code --group}, a run without journal), validates the grouping
     * (a memory dataset crossing groups, a cycle, a node in no group are refused here, before anything
     * runs), checks the parameter overrides against the pipeline, takes the spec's run id or a new one
     * and reads which groups of it already succeeded.
     *
     * @param launcherName the launcher entry's name, for messages
     * @param kind         what runs each group, for messages ("in its own process", "as a Temporal activity")
     * @throws LaunchRefusedException naming what the request asks that groups cannot carry
     */
    public static GroupPlan of(Launch launch, String launcherName, String kind) {
        RunSpec asked = launch.spec();
        refuseWhatGroupsCannotCarry(asked, launcherName, kind);
        Session session = launch.session();
        Grouping grouping = session.grouping(asked.pipeline()); // validated: refused before anything starts
        if (!asked.params().isEmpty() || !asked.loadVersions().isEmpty()) {
            session.checkOverrides(asked); // a parameter nothing reads is refused here, not by every group
        }
        String runId = asked.runId() != null ? asked.runId() : session.newRunId();
        Map<String, Object> params = new LinkedHashMap<>(session.options().runtimeParams());
        params.putAll(asked.params());
        return new GroupPlan(asked.pipeline(), runId, grouping, needsOf(grouping),
                succeeded(new JournalStore(session.options().projectDir()), runId), params, session.options().env(),
                asked.loadVersions(), asked.maxWorkers());
    }

    /** The group ids in grouping order (a topological order of the groups). */
    public List<String> groupIds() {
        return grouping.groupIds();
    }

    /** The groups still to run: every group not in {@link #done}, in grouping order. */
    public List<String> pending() {
        List<String> pending = new ArrayList<>(grouping.groupIds());
        pending.removeAll(done);
        return pending;
    }

    /**
     * The group-run spec of group {@code group}: the pipeline, the group, the run id, the
     * environment, the parameters and pinned versions — what {@code sluice run --spec} or
     * {@link Session#run} of any process executes.
     *
     * @param runner the runner entry the group's nodes run with
     */
    public RunSpec specOf(String group, String runner) {
        return new RunSpec(pipeline, PipelineFilter.NONE, false, group, runner, maxWorkers, runId, params,
                loadVersions, Set.of(), env, true);
    }

    /** A selection, missing outputs or requested values do not survive the cut into groups: refused. */
    private static void refuseWhatGroupsCannotCarry(RunSpec spec, String launcherName, String kind) {
        List<String> what = new ArrayList<>();
        if (!spec.selection().isEmpty()) {
            what.add("a node selection");
        }
        if (spec.onlyMissingOutputs()) {
            what.add("--only-missing-outputs");
        }
        if (spec.group() != null) {
            what.add("--group " + spec.group());
        }
        if (!spec.journal()) {
            what.add("a run without journal");
        }
        if (!what.isEmpty()) {
            throw new LaunchRefusedException("The " + launcherName + " runs every group of the pipeline, each "
                    + kind + "; it takes no " + String.join(", ", what) + ". Drop " + (what.size() == 1 ? "it" : "them")
                    + ", or run one group with sluice run --group G --run-id R.");
        }
    }

    /** The groups each group reads from. */
    private static Map<String, Set<String>> needsOf(Grouping grouping) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        grouping.groupIds().forEach(g -> needs.put(g, new LinkedHashSet<>()));
        for (GroupDependency d : grouping.dependencies()) {
            needs.get(d.to()).add(d.from());
        }
        return needs;
    }

    /** The groups whose part of run {@code runId} succeeded already. */
    private static Set<String> succeeded(JournalStore journals, String runId) {
        Set<String> done = new LinkedHashSet<>();
        journals.read(runId).ifPresent(j -> {
            for (RunJournal.Part p : j.parts()) {
                if (p.state() == RunState.SUCCEEDED && !RunJournal.WHOLE_RUN.equals(p.group())) {
                    done.add(p.group());
                }
            }
        });
        return done;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> needs) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        needs.forEach((g, n) -> out.put(g, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(n))));
        return java.util.Collections.unmodifiableMap(out);
    }
}
