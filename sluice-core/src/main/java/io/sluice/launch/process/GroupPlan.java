package io.sluice.launch.process;

import io.sluice.group.GroupDependency;
import io.sluice.group.Grouping;
import io.sluice.journal.JournalStore;
import io.sluice.launch.Launch;
import io.sluice.launch.LaunchRefusedException;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.GroupBy;
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
 * @param grouping the validated grouping: the session's deploy config's, or {@code groupBy}'s
 * @param groupBy  the strategy the plan groups by, or {@code null} for the deploy config's; every
 *                 group's spec carries it, so each process (and a resume) groups the same way
 * @param needs    for each group id, in grouping order, the ids of the groups it reads from
 * @param done     the groups whose journal part of {@code runId} succeeded already
 * @param params   the parameter overrides of every group: the session's runtime params, then the spec's
 * @param env      the environment every group runs in
 * @param loadVersions the pinned load versions of the request
 * @param maxWorkers   the request's max workers, passed to each group's runner
 */
public record GroupPlan(String pipeline, String runId, Grouping grouping, GroupBy groupBy,
                        Map<String, Set<String>> needs,
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
        return of(launch, launcherName, kind, null);
    }

    /**
     * {@link #of(Launch, String, String)} grouped by {@code groupBy} (a launcher entry's
     * {@code grouping:}) instead of the deploy config when it is not null.
     */
    public static GroupPlan of(Launch launch, String launcherName, String kind, GroupBy groupBy) {
        RunSpec asked = launch.spec();
        refuseWhatGroupsCannotCarry(asked, launcherName, kind);
        Session session = launch.session();
        // validated: refused before anything starts
        Grouping grouping = session.grouping(asked.pipeline(), groupBy);
        if (!asked.params().isEmpty() || !asked.loadVersions().isEmpty()) {
            session.checkOverrides(asked); // a parameter nothing reads is refused here, not by every group
        }
        String runId = asked.runId() != null ? asked.runId() : session.newRunId();
        Map<String, Object> params = new LinkedHashMap<>(session.options().runtimeParams());
        params.putAll(asked.params());
        JournalStore journals = new JournalStore(session.options().projectDir());
        refuseOtherGrouping(journals, runId, groupBy, launcherName);
        return new GroupPlan(asked.pipeline(), runId, grouping, groupBy, needsOf(grouping),
                succeeded(journals, runId), params, session.options().env(), asked.loadVersions(), asked.maxWorkers());
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
        return new RunSpec(pipeline, PipelineFilter.NONE, false, group, groupBy, runner, maxWorkers, runId, params,
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

    /**
     * A run id launched again must group as it did: its journal parts (one per group) record the
     * grouping they ran with, and other groups would neither match nor skip them.
     */
    private static void refuseOtherGrouping(JournalStore journals, String runId, GroupBy groupBy, String launcherName) {
        journals.read(runId).ifPresent(j -> {
            for (RunJournal.Part p : j.parts()) {
                if (RunJournal.WHOLE_RUN.equals(p.group()) || java.util.Objects.equals(p.spec().groupBy(), groupBy)) {
                    continue;
                }
                throw new LaunchRefusedException("Run " + runId + " ran its groups grouped " + describe(p.spec()
                        .groupBy()) + " (its journal part of group " + p.group() + " says so), but the " + launcherName
                        + " groups " + describe(groupBy) + ": launched again, its groups would not match those that "
                        + "ran. Launch it with the grouping it ran with, or start a new run id.");
            }
        });
    }

    private static String describe(GroupBy by) {
        return by == null ? "as the deploy config does" : "by " + by;
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
