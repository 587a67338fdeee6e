package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.RuntimeParams;
import io.sluice.launch.LauncherCatalog;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.project.Project;
import io.sluice.run.NodeState;
import io.sluice.run.RunIds;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sluice run}: compiles the project, runs one registered pipeline (or the part the
 * filters select) and prints the run id and outcome; or runs a {@link RunSpec} given as JSON
 * ({@code --spec}). The journal goes to {@code .sluice/runs/<run-id>/}.
 */
final class RunCommand implements Command {

    final SluiceMain root;
    /** The parsed line, for which options were given. */
    final ParsedArgs args;

    final String pipeline;
    final List<String> nodes;
    final List<String> fromNodes;
    final List<String> toNodes;
    final List<String> fromInputs;
    final List<String> toOutputs;
    final List<String> tags;
    final List<String> namespaces;
    final String env;
    final List<String> params;
    final String runner;
    final int maxWorkers;
    final String runId;
    final String group;
    /** {@code --group-by} and its refinements: how a group run groups, instead of the deploy config. */
    final GroupingOptions grouping;
    final boolean onlyMissingOutputs;
    final List<String> loadVersions;
    final String specSource;
    final String resumeId;
    final boolean force;
    final boolean detach;

    RunCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        this.args = args;
        pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
        nodes = args.values("--nodes");
        fromNodes = args.values("--from-nodes");
        toNodes = args.values("--to-nodes");
        fromInputs = args.values("--from-inputs");
        toOutputs = args.values("--to-outputs");
        tags = args.values("--tags");
        namespaces = args.values("--namespaces");
        env = EnvOption.value(args);
        params = args.values("--params");
        runner = args.value("--runner", RunSpec.DEFAULT_RUNNER);
        maxWorkers = args.intValue("--max-workers", 0);
        runId = args.value("--run-id", null);
        group = args.value("--group", null);
        grouping = new GroupingOptions(args, "--group-by", Commands.NAME + " run");
        onlyMissingOutputs = args.flag("--only-missing-outputs");
        loadVersions = args.values("--load-versions");
        specSource = args.value("--spec", null);
        resumeId = args.value("--resume", null);
        force = args.flag("--force");
        detach = args.flag("--detach");
    }

    /** The options that shape a run, which {@code --spec} and {@code --resume} replace. */
    private static final List<String> SHAPING = List.of("--pipeline", "--nodes", "--from-nodes", "--to-nodes",
            "--from-inputs", "--to-outputs", "--tags", "--namespaces", "--params", "--runner", "--max-workers",
            "--run-id", "--group", "--group-by", "--only-missing-outputs", "--load-versions");

    static CommandDef definition() {
        CommandDef def = CommandDef.of("run",
                        "Run a registered pipeline, or the part of it the node selection options pick.",
                        "Selection options combine by intersection. List values are comma-separated (--nodes a,b) "
                                + "and options are repeatable. The run journal is written to "
                                + ".sluice/runs/<run-id>/ under the project (sluice runs show RUN_ID).")
                .withOptions(List.of(
                        OptionDef.value("-p, --pipeline", "NAME",
                                "Registered pipeline to run (default: " + Project.DEFAULT_PIPELINE + ")."),
                        OptionDef.value("--nodes", "NODE", "Run only these nodes.").splitOn(","),
                        OptionDef.value("--from-nodes", "NODE", "Run these nodes and everything downstream of them.")
                                .splitOn(","),
                        OptionDef.value("--to-nodes", "NODE", "Run these nodes and everything upstream of them.")
                                .splitOn(","),
                        OptionDef.value("--from-inputs", "DATASET",
                                "Run the nodes that depend, directly or not, on these datasets.").splitOn(","),
                        OptionDef.value("--to-outputs", "DATASET", "Run the nodes needed to produce these datasets.")
                                .splitOn(","),
                        OptionDef.value("-t, --tags", "TAG", "Run the nodes having any of these tags.").splitOn(","),
                        OptionDef.value("--namespaces", "NAMESPACE",
                                "Run the nodes in these namespaces (exact or dotted prefix).").splitOn(","),
                        EnvOption.definition(),
                        OptionDef.value("--params", "KEY=VALUE[,KEY=VALUE...]",
                                "Override parameters by dotted path, values typed as YAML "
                                        + "(report.topN=2,pricing.currency=USD,features=[engines,crew]). Repeatable.")
                                .repeated(),
                        OptionDef.value("--runner", "NAME", "A runner of runners.yml (sluice runners list), the "
                                + "built-in sequential or parallel, or the class name of a Runner (default: the entry "
                                + "named default, else sequential)."),
                        OptionDef.value("--max-workers", "N",
                                "Threads of a parallel runner, over its max_workers (default: its own, else the "
                                        + "number of processors).").ints(),
                        OptionDef.value("--run-id", "ID",
                                "Use this run id instead of a new one (e.g. to resume a failed run)."),
                        OptionDef.value("--group", "GROUP", "Run only this group of the pipeline's nodes, as "
                                + "conf/<env>/deploy.yml groups them (default: memory-connected components; sluice "
                                + "groups lists them). Give every group of one run the same --run-id: versioned "
                                + "inputs load the version of that run."),
                        OptionDef.flag("--only-missing-outputs",
                                "Run only the nodes whose persistent outputs do not exist yet, and what they need."),
                        OptionDef.value("--load-versions", "DATASET:VERSION",
                                "Load these versions of versioned datasets instead of their latest, "
                                        + "e.g. companies:2026-11-22T02.34.56.789Z-0000a1b2.").splitOn(","),
                        OptionDef.value("--spec", "FILE|JSON",
                                "Run this run spec (JSON, as sluice runs show and exporters write it): a file, - for "
                                        + "standard input, or the JSON itself. Replaces the options that shape a run."),
                        OptionDef.value("--resume", "RUN_ID",
                                "Run a failed or killed run again under its run id, as its journal recorded it "
                                        + "(pipeline, selection, params, runner, env), skipping the nodes it completed "
                                        + "whose persisted outputs exist. Replaces the options that shape a run."),
                        OptionDef.flag("--force",
                                "With --resume: resume even though the project's code changed the pipeline (or the config differs) since "
                                        + "the run."),
                        OptionDef.flag("--detach",
                                "With a temporal runner: start the run (or find it by --run-id), print its workflow "
                                        + "id and return; the run goes on (sluice runs show RUN_ID).")))
                .withOptionsInDeclarationOrder();
        List<OptionDef> options = new ArrayList<>(def.options());
        // By position, not indexOf: OptionDef is a record, and its generated equals is
        // bootstrapped (classes spun) on first call, ~10 ms of every one-off run.
        int afterGroup = 0;
        while (!options.get(afterGroup).names().contains("--group")) {
            afterGroup++;
        }
        afterGroup++;
        options.addAll(afterGroup, GroupingOptions.definitions("--group-by", "With --group: group as this strategy "
                + "does instead of the deploy config (what sluice export writes into tasks whose grouping the "
                + "deploy config does not give); as sluice groups --by"));
        return def.withOptions(options);
    }

    @Override
    public int call() throws Exception {
        if (maxWorkers < 0) {
            throw new UsageException("--max-workers must be 0 or more, got " + maxWorkers);
        }
        if (resumeId != null) {
            return resume();
        }
        if (force) {
            throw new UsageException("--force only goes with --resume RUN_ID (it resumes a run whose pipeline "
                    + "changed since).");
        }
        RunSpec runSpec = specSource != null ? specFromSource() : specFromOptions();
        if (grouping.by != null && runSpec.group() == null) {
            throw new UsageException("--group-by says how a group run groups the pipeline: give --group GROUP too "
                    + "(sluice groups --by " + grouping.by + " lists the groups).");
        }
        PrintWriter out = root.out;
        long start = System.nanoTime();
        String sessionEnv = runSpec.env() != null ? runSpec.env() : env;
        try (Session session = root.openSession(sessionEnv, runSpec.params(), false)) {
            LauncherCatalog launchers = LauncherCatalog.of(session);
            if (detach && !TemporalEntries.isTemporal(launchers, runSpec.runner())) {
                throw new UsageException("--detach goes with a temporal runner entry (launcher: temporal), whose "
                        + "runs go on without the command; '" + runSpec.runner() + "' is not one.");
            }
            if (launchers.isLauncher(runSpec.runner())) {
                launch(session, launchers, runSpec, start);
                return 0;
            }
            ProgressHook progress = ProgressHook.create(root.quiet, Logging.JSON.equals(root.logFormat));
            RunResult result;
            try {
                result = session.run(runSpec, Injected.hook(progress).withProgress(progress.datasets()));
            } finally {
                progress.close(); // the bar must be gone before the outcome or the error is printed
            }
            printOutcome(out, result, System.nanoTime() - start);
        }
        return 0;
    }

    /**
     * Hands the spec to the launcher its runner names ({@link Launches}: SIGTERM or Ctrl-C stops
     * it); prints every run it made.
     */
    private void launch(Session session, LauncherCatalog launchers, RunSpec runSpec, long start) throws Exception {
        PrintWriter out = root.out;
        io.sluice.launch.StopSignal stop = root.stop;
        if (detach) { // a temporal launch stops following at once: the run goes on in Temporal
            stop = new io.sluice.launch.StopSignal();
            stop.fire();
        }
        List<RunResult> runs = Launches.untilStopped(launchers, session, runSpec, out, stop);
        for (RunResult run : runs) {
            printOutcome(out, run, -1);
        }
        out.printf("Launcher %s made %d run%s in %.2f s.%n", runSpec.runner(), runs.size(),
                runs.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    /**
     * The spec the options describe; {@code --params} go to the session (config interpolation sees
     * them) and the spec. A value the spec refuses (an unsafe run id or version, an empty pipeline
     * name) is a usage error naming it.
     */
    RunSpec specFromOptions() {
        RunSpec.Builder b = RunSpec.builder(pipeline)
                .selection(filter())
                .runner(runner)
                .maxWorkers(maxWorkers)
                .runId(runId)
                .group(group)
                .groupBy(group == null || grouping.by == null ? null : grouping.asGroupBy())
                .onlyMissingOutputs(onlyMissingOutputs)
                .loadVersions(loadVersions())
                .params(RuntimeParams.parseAll(params));
        try {
            return b.build();
        } catch (IllegalArgumentException | io.sluice.SluiceException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --spec}: refused beside the options it replaces, so that nothing is silently ignored. */
    private RunSpec specFromSource() {
        List<String> clashing = given(SHAPING);
        if (!clashing.isEmpty()) {
            throw new UsageException("--spec replaces " + String.join(", ", clashing)
                    + ": give the run spec alone, or edit the spec.");
        }
        String json;
        String where;
        try {
            if (specSource.trim().startsWith("{")) {
                json = specSource;
                where = "--spec";
            } else if (specSource.equals("-")) {
                json = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                where = "standard input";
            } else {
                Path file = Path.of(specSource);
                json = java.nio.file.Files.readString(file.isAbsolute() ? file : root.projectDir.resolve(file));
                where = specSource;
            }
        } catch (java.io.IOException e) {
            throw new UsageException("--spec: cannot read " + specSource + ": " + e);
        }
        RunSpec read;
        try {
            read = RunSpec.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
        if (read.env() != null && args.has("--env")
                && !read.env().equals(env)) {
            throw new UsageException("--env " + env + " contradicts the spec's env '"
                    + read.env() + "'.");
        }
        return read;
    }

    /** Which of {@code options} the command line gives, in that order. */
    private List<String> given(List<String> options) {
        List<String> clashing = new ArrayList<>();
        for (String option : options) {
            if (args.has(option)) {
                clashing.add(option);
            }
        }
        return clashing;
    }

    /**
     * {@code --resume RUN_ID}: the run as its journal recorded it, in its environment, so that
     * the options that shape a run are refused beside it, and an {@code --env} naming another
     * environment too.
     */
    private int resume() {
        List<String> clashing = given(SHAPING);
        clashing.remove("--group-by"); // allowed when it names the grouping the run recorded: checked below
        if (specSource != null) {
            clashing.add(0, "--spec");
        }
        if (!clashing.isEmpty()) {
            throw new UsageException("--resume runs " + resumeId + " as its journal recorded it, so it takes no "
                    + String.join(", ", clashing) + ": drop " + (clashing.size() == 1 ? "it" : "them")
                    + ", or start a new run without --resume.");
        }
        if (!RunIds.isSafeName(resumeId)) {
            throw new UsageException("--resume: '" + resumeId + "' is not a run id: run ids are letters, digits and "
                    + ". _ : + - (sluice runs list shows them).");
        }
        RunJournal recorded = Session.resumable(root.projectDirWithoutConfigCheck(), resumeId);
        if (grouping.by != null) {
            refuseOtherGrouping(recorded, grouping.asGroupBy());
        }
        reuseRecordedConfigSource(recorded);
        String sessionEnv = recorded.env() != null ? recorded.env() : env;
        if (args.has(EnvOption.KEY) && !env.equals(sessionEnv)) {
            throw new UsageException("--env " + env + " contradicts run " + resumeId + ", which ran in environment '"
                    + sessionEnv + "': a run resumes in its own environment. Drop --env.");
        }
        long start = System.nanoTime();
        try (Session session = root.openSession(sessionEnv, recorded.parts().get(0).spec().params(), false)) {
            ProgressHook progress = ProgressHook.create(root.quiet, Logging.JSON.equals(root.logFormat));
            RunResult result;
            try {
                result = session.resume(resumeId, force, Injected.hook(progress).withProgress(progress.datasets()));
            } finally {
                progress.close();
            }
            printResumed(root.out, result, System.nanoTime() - start);
        }
        return 0;
    }

    /**
     * {@code --resume R --group-by S}: a run resumes grouped as its journal recorded (each group
     * run's spec carries its grouping), so S must be that grouping; another one is refused naming
     * both, before anything runs.
     */
    private void refuseOtherGrouping(RunJournal recorded, io.sluice.run.GroupBy asked) {
        for (RunJournal.Part p : recorded.parts()) {
            if (p.spec().group() == null) {
                throw new UsageException("--group-by says how a group run groups the pipeline, and run " + resumeId
                        + " ran whole, not by groups. Drop --group-by.");
            }
            io.sluice.run.GroupBy ran = p.spec().groupBy();
            if (!asked.equals(ran)) {
                throw new UsageException("--resume " + resumeId + " " + asked.asOptions() + ": run " + resumeId
                        + " grouped its nodes " + (ran == null ? "as the deploy config does (no --group-by)"
                        : "by " + ran.asOptions()) + ", as its journal records (group " + p.group() + "); a run "
                        + "resumes grouped as it ran, or its groups would not match. Drop --group-by (the recorded "
                        + "grouping is used), or start a new run.");
            }
        }
    }

    /** {@code --load-versions} as dataset name to version; a dataset given twice is a usage error. */
    Map<String, String> loadVersions() {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String item : set(loadVersions)) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new UsageException("--load-versions takes DATASET:VERSION items, got '"
                        + item + "'. Example: --load-versions companies:2026-11-22T02.34.56.789Z-0000a1b2");
            }
            String dataset = item.substring(0, colon);
            String version = item.substring(colon + 1);
            String earlier = pins.put(dataset, version);
            if (earlier != null) { // a second version would silently win over the first
                throw new UsageException("--load-versions gives two versions of dataset '"
                        + dataset + "': " + earlier + " and " + version + ". Give one.");
            }
        }
        return pins;
    }

    /** The node selection options as the core's filter. */
    PipelineFilter filter() {
        return new PipelineFilter(set(nodes), set(fromNodes), set(toNodes), set(fromInputs), set(toOutputs),
                set(tags), set(namespaces));
    }

    private static Set<String> set(List<String> values) {
        Set<String> s = new LinkedHashSet<>();
        for (String v : values) {
            String t = v.trim();
            if (!t.isEmpty()) {
                s.add(t);
            }
        }
        return s;
    }

    /**
     * A run that read its config from a local folder or archive ({@code --conf-source}) resumes
     * from the same one when none is given; a URL (whose query, perhaps a token, was not recorded)
     * and {@code --conf-json} must be given again: the session refuses other config than the run's.
     */
    private void reuseRecordedConfigSource(RunJournal recorded) {
        String source = recorded.parts().get(0).config().source();
        if (root.confSource == null && source != null && !source.contains("://")
                && java.nio.file.Files.exists(java.nio.file.Path.of(source))) {
            root.confSource = source;
        }
    }

    private static void printResumed(PrintWriter out, RunResult result, long nanos) {
        RunJournal journal = result.journal();
        long skipped = 0;
        long ran = 0;
        int attempt = 1;
        for (RunJournal.Part p : journal.parts()) {
            attempt = Math.max(attempt, p.attempt());
            for (RunJournal.NodeRecord n : p.nodes()) {
                if (n.state() == NodeState.COMPLETED) {
                    // a node this attempt skipped keeps the start of the attempt that ran it
                    if (RunJournal.TIME_ORDER.compare(n.startedAt(), p.startedAt()) < 0) {
                        skipped++;
                    } else {
                        ran++;
                    }
                }
            }
        }
        out.printf("Run %s of pipeline %s resumed (attempt %d) and succeeded: %d nodes ran, %d completed before "
                + "were skipped, in %.2f s.%n", result.runId(), result.pipelineName(), attempt, ran, skipped, nanos / 1e9);
        out.println("Journal: .sluice/runs/" + result.runId() + "/ (sluice runs show " + result.runId() + ")");
        out.flush();
    }

    private static void printOutcome(PrintWriter out, RunResult result, long nanos) {
        RunJournal journal = result.journal();
        long completed = journal.nodes().stream().filter(n -> n.state() == NodeState.COMPLETED).count();
        int selected = journal.nodes().size();
        if (nanos < 0) { // one of a launcher's runs: no time of its own measured here
            out.printf("Run %s of pipeline %s succeeded: %d of %d nodes ran.%n", result.runId(),
                    result.pipelineName(), completed, selected);
        } else {
            out.printf("Run %s of pipeline %s succeeded: %d of %d nodes ran in %.2f s.%n", result.runId(),
                    result.pipelineName(), completed, selected, nanos / 1e9);
        }
        out.println("Journal: .sluice/runs/" + result.runId() + "/ (sluice runs show " + result.runId() + ")");
        out.flush();
    }
}
