package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import io.sluice.engine.EngineCatalog;
import io.sluice.group.DeploySpec;
import io.sluice.group.Group;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.io.DataLocation;
import io.sluice.io.Parameters;
import io.sluice.journal.JournalPart;
import io.sluice.journal.JournalStore;
import io.sluice.lease.LeaseMode;
import io.sluice.lease.LeaseRequest;
import io.sluice.lease.Leases;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunIds;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.run.RunTimes;
import io.sluice.runner.NodeAttemptsException;
import io.sluice.runner.NodeFailedException;
import io.sluice.runner.NodePolicy;
import io.sluice.runner.PolicyClock;
import io.sluice.runner.Runner;
import io.sluice.runner.RunnerCatalog;
import io.sluice.runner.RunnerEntry;
import io.sluice.runner.Runners;
import io.sluice.runner.SequentialRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project compiled once for an environment and runtime params: config loaded, catalog built,
 * pipelines validated and toposorted. {@link #run} may then be called many times, from many
 * threads at once; each run only overlays its own data (fresh memory datasets, injected inputs,
 * parameter overrides) on the shared compiled state.
 *
 * <p>Artifacts — persistent datasets a pipeline reads but never writes, such as a trained model
 * or a lookup table — are read once when a request shape is first compiled and shared by all
 * runs (unless the session options or the catalog entry's {@code load_once: false} say
 * otherwise); load hooks still see them in every run. A run that writes such a dataset makes
 * the next run read it again.
 *
 * <p>Each distinct shape of request (pipeline, selection options, injected dataset names,
 * requested outputs) is compiled to a plan once and cached; parameters are bound to the node
 * parameter types during that compilation, so a parameter that is missing or of the wrong type
 * fails the run before any node runs.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final int PLAN_CACHE_LIMIT = 512;
    /** The config kind of {@code engines*.yml}. */
    public static final String ENGINES = "engines";

    private final Project project;
    private final SessionOptions options;
    private final ProjectConfig config;
    private final DataCatalog catalog;
    private final Parameters parameters;
    private final PipelineRegistry pipelines;
    private final Hooks hooks;
    private final JournalStore journals;
    private final RunIds runIds = new RunIds();
    private final Set<StartedRun> started = ConcurrentHashMap.newKeySet();
    private ExecutorService executor;
    /** Set by {@link #close()}: no run starts after it. */
    private boolean closed;
    private final Map<PlanKey, CompiledPlan> plans = new ConcurrentHashMap<>();
    /** The named runners of runners.yml and the built-in ones, created at compile. */
    private final RunnerCatalog runnerCatalog;
    /** Entries a run made for itself: another --max-workers, a runner class named on the command line. */
    private final Map<String, RunnerEntry> runners = new ConcurrentHashMap<>();
    /** The time of retries and timeouts. */
    private final PolicyClock clock;
    private final Artifacts artifacts;
    /** {@link #grouping} of each pipeline asked for, computed and validated once. */
    private final Map<GroupingKey, Grouping> groupings = new ConcurrentHashMap<>();
    /** {@link GroupRun} of each (pipeline, group) run so far. */
    private final Map<GroupRunKey, GroupRun> groupRuns = new ConcurrentHashMap<>();

    /** A pipeline grouped by a strategy ({@code null}: the deploy config's). */
    private record GroupingKey(String pipeline, io.sluice.run.GroupBy by) {
    }

    /** One group of a pipeline grouped by a strategy. */
    private record GroupRunKey(String pipeline, io.sluice.run.GroupBy by, String group) {
    }
    /** {@link #describe} of each pipeline asked for, computed on first demand (never on a run's path). */
    private final Map<String, PipelineDescription> descriptions = new ConcurrentHashMap<>();

    private Session(Project project, SessionOptions options, ProjectConfig config, DataCatalog catalog,
                    Parameters parameters, PipelineRegistry pipelines, RunnerCatalog runnerCatalog,
                    PolicyClock clock) {
        this.project = project;
        this.runnerCatalog = runnerCatalog;
        this.clock = clock;
        this.options = options;
        this.config = config;
        this.catalog = catalog;
        this.parameters = parameters;
        this.pipelines = pipelines;
        this.hooks = Hooks.of(project.hooks());
        this.journals = new JournalStore(options.projectDir(), configUsed(options.config()));
        this.artifacts = options.loadArtifactsOnce()
                ? new Artifacts(options.sharedData() == SessionOptions.SharedData.WAIT) : null;
    }

    /**
     * Compiles {@code project} with {@code options}: loads {@code conf/base} and
     * {@code conf/<env>}, builds the catalog and checks the registered pipelines.
     */
    public static Session compile(Project project, SessionOptions options) {
        return compile(project, options, PolicyClock.system());
    }

    /**
     * {@link #compile(Project, SessionOptions)} with the clock of run policies (retries,
     * backoffs, timeouts of {@code runners.yml} entries): tests give a fake one and do not sleep.
     * The session closes {@code clock} when it is {@link AutoCloseable}.
     */
    public static Session compile(Project project, SessionOptions options, PolicyClock clock) {
        java.util.Objects.requireNonNull(clock, "clock");
        ProjectConfig config = ConfigLoader.load(options.config(), options.projectDir(), options.env(),
                options.runtimeParams(), System.getenv());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        EngineCatalog engines = EngineCatalog.fromConfig(config.get(ENGINES), config.credentials(),
                options.projectDir(), config.env(), context != null ? context : project.getClass().getClassLoader());
        DataCatalog catalog;
        try {
            catalog = DataCatalog.fromConfig(config.catalog(), config.credentials(), options.projectDir(), engines);
        } catch (RuntimeException | Error e) {
            engines.close();
            throw e;
        }
        try {
            Parameters parameters = Parameters.fromConfig(config.parameters());
            // built pipelines are checked now; factories when first asked for (see PipelineRegistry)
            PipelineRegistry pipelines = PipelineRegistry.of(project, engines);
            ClassLoader runnerClasses = project.getClass().getClassLoader();
            RunnerCatalog runnerCatalog = RunnerCatalog.fromConfig(config.get(RunnerCatalog.KIND), config.credentials(),
                    context != null ? context : runnerClasses);
            pipelines.checkSelectors(runnerCatalog); // a rule naming no node would select nothing, silently
            return new Session(project, options, config, catalog, parameters, pipelines, runnerCatalog, clock);
        } catch (RuntimeException | Error e) {
            catalog.close(); // a session that fails to compile leaves no connection open
            engines.close();
            throw e;
        }
    }

    /**
     * Runs {@code spec} and returns the requested output values.
     *
     * @throws RunFailedException when a node fails; its message names the node and its inputs and
     *                            it carries the spec that resumes the run
     * @throws SluiceException    when the spec cannot run (unknown pipeline, empty selection,
     *                            missing parameter, another environment…); nothing ran then
     */
    public RunResult run(RunSpec spec) {
        return run(spec, Injected.NONE);
    }

    /**
     * Runs {@code spec} with values and hooks of this process ({@code injected}) and returns the
     * requested output values.
     *
     * @throws RunFailedException when a node fails; its message names the node and its inputs and
     *                            it carries the spec that resumes the run
     * @throws SluiceException    when the spec cannot run (unknown pipeline, empty selection,
     *                            missing parameter, an injected name the pipeline does not have,
     *                            another environment…); nothing ran then
     */
    public RunResult run(RunSpec spec, Injected injected) {
        String runId = spec.runId() == null ? runIds.next() : spec.runId();
        return execute(spec, runId, injected, null, null);
    }

    /**
     * Runs a failed, cancelled or killed ({@link RunState#INTERRUPTED}) run again under its own
     * run id, as its journal recorded it: the same pipeline, selection, parameters, runner and load
     * versions. The nodes that run completed are skipped when the datasets they persisted still
     * exist; the others run, with the nodes whose in-memory outputs they need. Each part of the
     * run that did not succeed (one per group) is resumed in turn, in the order they started; each
     * adds an attempt to its journal part, which records the skipped nodes as the earlier attempt
     * did. Every part is planned and checked before any node runs.
     *
     * @param runId    the run to resume
     * @param force    resume even though the project's code changed the pipeline since the run,
     *                 or the session reads other config than the run did (the nodes the journal
     *                 records as done are skipped all the same)
     * @param injected hooks (and values) of this process, as for {@link #run(RunSpec, Injected)}
     * @return the result of the last part resumed; its journal is the whole run's
     * @throws SluiceException    when the run cannot be resumed: no journal of {@code runId} (the
     *                            message lists the newest ids and the closest), a run that
     *                            succeeded or still runs, another environment than the run's, or
     *                            while {@code force} is off, a pipeline whose structure changed
     *                            since (naming the added, removed and changed nodes) or other
     *                            config than the run read (another {@code --conf-source} or
     *                            {@code --conf-json}: {@link RunJournal.ConfigUsed})
     * @throws RunFailedException when a node fails again; the run can then be resumed again
     */
    public RunResult resume(String runId, boolean force, Injected injected) {
        RunJournal journal = ResumePlanner.resumable(journals, runId);
        List<ResumePlanner.Step> steps = new ArrayList<>();
        for (RunJournal.Part p : journal.parts()) {
            if (p.state() == RunState.SUCCEEDED) {
                continue;
            }
            if (p.spec().env() != null && !p.spec().env().equals(options.env())) {
                throw new SluiceException("Run " + runId + " ran in environment '" + p.spec().env()
                        + "', but this session was compiled for '" + options.env() + "'. Resume it with --env "
                        + p.spec().env() + " (or without --env).");
            }
            if (!p.config().equals(journals.config()) && !force) {
                throw new SluiceException("Run " + runId + " read " + p.config().describe() + ", but this session reads "
                        + journals.config().describe() + ": resuming it would mix the outputs of two configurations "
                        + "under one run id. Resume it with the config it ran with (the same --conf-source, and the "
                        + "same --conf-json or SLUICE_CONF_JSON), or with --force to go on with this config.");
            }
            Pipeline registered = RunJournal.WHOLE_RUN.equals(p.group()) || p.spec().group() == null
                    ? pipeline(p.spec().pipeline()) : groupRun(p.spec().pipeline(), p.spec().group(), p.spec().groupBy())
                    .pipeline();
            steps.add(ResumePlanner.plan(runId, p, registered, catalog, force));
        }
        RunResult last = null;
        for (ResumePlanner.Step step : steps) {
            last = execute(step.run(), runId, injected, null, step);
        }
        RunResult result = last;
        return new RunResult(runId, result.pipelineName(), result.outputs(),
                () -> journals.read(runId).orElseGet(result::journal));
    }

    /**
     * The journal of run {@code runId} of the project at {@code projectDir}, checked the way
     * {@link #resume} checks it before it plans anything, without compiling the project: a caller
     * learns the run's environment and parameters (to compile the session that resumes it) or why
     * it cannot be resumed.
     *
     * @throws SluiceException for a run id without journal (listing the newest ids and the
     *                         closest), a run that succeeded, or a run still running
     */
    public static RunJournal resumable(java.nio.file.Path projectDir, String runId) {
        return ResumePlanner.resumable(new JournalStore(projectDir), runId);
    }

    /** {@link #resume(String, boolean, Injected)} with nothing injected. */
    public RunResult resume(String runId, boolean force) {
        return resume(runId, force, Injected.NONE);
    }

    /**
     * Starts {@code spec} on a thread of this session and returns at once. The handle reports the
     * state, waits for the end and cancels (see {@link RunHandle}). Errors that {@link #run} would
     * throw before any node runs end the handle as failed. {@link #close()} cancels the runs still
     * going.
     */
    public RunHandle start(RunSpec spec, Injected injected) {
        String runId = spec.runId() == null ? runIds.next() : spec.runId();
        StartedRun handle = new StartedRun(spec.withRunId(runId));
        started.add(handle);
        handle.completion().whenComplete((r, e) -> started.remove(handle));
        try {
            executor().execute(() -> {
                if (handle.begin()) {
                    try {
                        handle.succeeded(execute(spec, runId, injected, handle.cancellation, null));
                    } catch (RuntimeException | Error e) {
                        handle.ended(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            handle.ended(new SluiceException("Session is closed: run " + runId + " was not started."));
        }
        return handle;
    }

    /**
     * Starts {@code spec} — a run of one group under a given run id — as a further attempt of
     * that group: when an earlier attempt of the same run id left the group's journal part (a
     * worker killed mid-group or after its saves, a node error being retried), this attempt goes
     * on from it instead of starting over. A part that succeeded ends the attempt at once with
     * that part's result, nothing run (the earlier attempt was lost before it was reported); an
     * interrupted, failed or cancelled part is resumed: the nodes it records completed whose
     * persisted outputs exist are not run again (so versioned outputs are written once), the
     * others run, as {@link #resume} does for that part alone. Without such a part (or for a spec
     * without group or run id) it is {@link #start(RunSpec, Injected)}. Distributed launchers
     * start every attempt of a group this way.
     *
     * @throws IllegalStateException when the group's part is held by a live process (an earlier
     *                               attempt still running): a later attempt may find it ended
     */
    public RunHandle startAttempt(RunSpec spec, Injected injected) {
        if (spec.group() == null || spec.runId() == null || !spec.journal()) {
            return start(spec, injected);
        }
        String runId = spec.runId();
        Optional<RunJournal.Part> earlier = journals.read(runId).flatMap(j -> j.parts().stream()
                .filter(p -> spec.group().equals(p.group())).findFirst());
        if (earlier.isEmpty()) {
            return start(spec, injected);
        }
        RunJournal.Part part = earlier.get();
        if (!part.state().isFinal()) {
            throw new IllegalStateException("Group " + spec.group() + " of run " + runId + " is still running in "
                    + "process " + part.pid() + " on " + part.host() + " (an earlier attempt holds its journal part); "
                    + "this attempt does not run it twice.");
        }
        StartedRun handle = new StartedRun(spec);
        started.add(handle);
        handle.completion().whenComplete((r, e) -> started.remove(handle));
        if (part.state() == RunState.SUCCEEDED) {
            handle.begin();
            handle.succeeded(new RunResult(runId, spec.pipeline(), Map.of(),
                    () -> journals.read(runId).orElseThrow()));
            return handle;
        }
        try {
            executor().execute(() -> {
                if (handle.begin()) {
                    try {
                        GroupRun group = groupRun(part.spec().pipeline(), part.spec().group(), part.spec().groupBy());
                        ResumePlanner.Step step = ResumePlanner.plan(runId, part, group.pipeline(), catalog, false,
                                true);
                        if (step.rerun().isEmpty()) {
                            handle.succeeded(recordDone(step, runId));
                        } else { // the result's journal is the part's, the nodes carried over included
                            RunResult r = execute(step.run(), runId, injected, handle.cancellation, step);
                            handle.succeeded(new RunResult(runId, r.pipelineName(), r.outputs(),
                                    () -> journals.read(runId).orElseGet(r::journal)));
                        }
                    } catch (RuntimeException | Error e) {
                        handle.ended(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            handle.ended(new SluiceException("Session is closed: run " + runId + " was not started."));
        }
        return handle;
    }

    /**
     * The attempt of a part whose every node is done: a new attempt in its journal, carrying the
     * nodes, that succeeded without running any.
     */
    private RunResult recordDone(ResumePlanner.Step step, String runId) {
        Pipeline selected = step.selected();
        Instant now = Instant.now();
        try (JournalPart part = journals.open(step.recorded(), step.recorded().runner(), selected.structureHash(),
                selected.nodeHashes(), selected.nodes().stream().map(Node::name).toList(), now,
                groupRun(step.recorded().pipeline(), step.recorded().group(), step.recorded().groupBy())
                        .groupIds())) {
            for (RunJournal.NodeRecord done : step.carried()) {
                part.node(done, step.versions().getOrDefault(done.name(), Map.of()));
            }
            part.finished(RunState.SUCCEEDED, null, null, now);
        }
        return new RunResult(runId, step.recorded().pipeline(), Map.of(), () -> journals.read(runId).orElseThrow());
    }

    /** {@link #start(RunSpec, Injected)} with nothing injected. */
    public RunHandle start(RunSpec spec) {
        return start(spec, Injected.NONE);
    }

    /**
     * Refuses the overrides of {@code spec} that its run would ignore: parameter paths that no
     * node of its pipeline and no config reads, load versions for datasets the pipeline does not
     * read or that are not versioned. {@link #run} checks this itself; a caller that applies
     * overrides to every run (a server's runtime params) checks them up front.
     *
     * @throws SluiceException naming the override, where parameters are read and the closest name
     */
    public void checkOverrides(RunSpec spec) {
        OverrideCheck.check(this, spec, pipeline(spec.pipeline()));
    }

    /** A new run id from this session's generator (a caller that needs the id before the run). */
    public String newRunId() {
        return runIds.next();
    }

    /** @param resumed the resume step {@code spec} runs, or {@code null} for a run of its own */
    private RunResult execute(RunSpec spec, String runId, Injected injected, Cancellation cancellation,
                              ResumePlanner.Step resumed) {
        if (spec.env() != null && !spec.env().equals(options.env())) {
            throw new SluiceException("The run spec asks for environment '" + spec.env() + "', but this session was "
                    + "compiled for '" + options.env() + "'. Compile a session with --env " + spec.env()
                    + ", or leave env out of the spec.");
        }
        Pipeline registered = pipeline(spec.pipeline());
        if (!spec.params().isEmpty() || !spec.loadVersions().isEmpty()) {
            OverrideCheck.check(this, spec, registered); // overrides nothing reads are refused, not ignored
        }
        GroupRun group = spec.group() == null ? null : groupRun(spec.pipeline(), spec.group(), spec.groupBy());
        Map<String, Object> runtimeParams = options.runtimeParams();
        if (!spec.params().isEmpty()) {
            runtimeParams = new LinkedHashMap<>(runtimeParams);
            runtimeParams.putAll(spec.params());
        }
        RunContext context = new RunContext(runId, spec.pipeline(), spec.group(), options.env(), runtimeParams,
                options.projectDir(), group == null ? spec.loadVersions() : group.pins(runId, spec.loadVersions()),
                injected.progress());
        if (group != null) {
            group.checkUpstream(spec.pipeline(), spec.groupBy(), catalog, context);
        }
        CompiledPlan plan = planFor(spec, injected.inputs().keySet(), group == null ? registered : group.pipeline(),
                context);
        Set<String> outputs = spec.outputs().isEmpty() ? plan.defaultOutputs : spec.outputs();
        Object[][] bound = spec.params().isEmpty() ? plan.boundParams : rebind(plan, spec.params());
        Hooks runHooks = hooks.plus(injected.hooks());
        RunExecution execution = new RunExecution(plan, context, runHooks, bound, injected.inputs(), outputs,
                artifacts, cancellation);
        RunnerEntry entry = runnerFor(spec);
        Runner runner = entry.runner();
        NodePolicy[] policies = plan.policyOf(entry);
        if (policies != null) {
            execution.applyPolicy(policies, clock);
        } else if (runner instanceof SequentialRunner) {
            execution.chainTimings();
        }
        Leases.Held leases = leases(plan, context);
        JournalPart part;
        try {
            if (resumed == null) {
                part = spec.journal() ? journals.open(ran(spec, runId, runtimeParams), entry.name(),
                        plan.pipeline.structureHash(), plan.pipeline.nodeHashes(), plan.nodeNames(),
                        execution.startedAt, groupIds(group)) : null;
            } else {
                // the new attempt records the run as it was asked, over every node it selects
                Pipeline selected = resumed.selected();
                JournalPart opened = journals.open(resumed.recorded(), entry.name(), selected.structureHash(),
                        selected.nodeHashes(), selected.nodes().stream().map(Node::name).toList(),
                        execution.startedAt, groupIds(group));
                try {
                    for (RunJournal.NodeRecord done : resumed.carried()) {
                        opened.node(done, resumed.versions().getOrDefault(done.name(), Map.of()));
                    }
                } catch (RuntimeException | Error e) {
                    opened.close();
                    throw e;
                }
                part = opened;
            }
        } catch (RuntimeException | Error e) {
            leases.close();
            throw e;
        }
        execution.journalTo(part);
        LOG.debug("Running pipeline '{}'{} ({} nodes, run id {}, runner {})", spec.pipeline(),
                group == null ? "" : " group " + spec.group(), plan.size(), runId, runner.name());
        try (RunContext.Scope ignored = RunContext.enter(context)) {
            try {
                runHooks.beforePipelineRun(context, plan.pipeline);
                runner.run(plan, execution);
            } catch (NodeFailedException e) {
                if (execution.cancelled()) {
                    List<String> waiting = execution.cancelledWhileWaitingToRetry();
                    RunCancelledException cancelled = new RunCancelledException(runId, "Run " + runId
                            + " of pipeline '" + spec.pipeline() + "' was cancelled" + (waiting.isEmpty() ? "."
                            : " while " + String.join(", ", waiting) + " waited to retry."));
                    fail(runHooks, context, plan, cancelled);
                    end(part, RunState.CANCELLED, cancelled.getMessage(), null);
                    throw cancelled;
                }
                RunSpec resume = ResumeAdvisor.resume(plan, execution.status, ran(spec, runId, runtimeParams));
                Throwable cause = e.getCause();
                String message = cause instanceof NodeExecutionException || cause instanceof NodeAttemptsException
                        ? cause.getMessage()
                        : "Node '" + plan.nodeName(e.node()) + "' failed: " + cause;
                RunFailedException failure = new RunFailedException(message, runId, plan.nodeName(e.node()), resume,
                        cause);
                fail(runHooks, context, plan, failure);
                end(part, RunState.FAILED, message, resume);
                throw failure;
            } catch (RuntimeException e) {
                RunFailedException failure = new RunFailedException("Run " + runId + " of pipeline '"
                        + spec.pipeline() + "' failed: " + e.getMessage(), runId, null, null, e);
                fail(runHooks, context, plan, failure);
                end(part, RunState.FAILED, failure.getMessage(), null);
                throw failure;
            }
            Map<String, Object> values = execution.outputs();
            try {
                runHooks.afterPipelineRun(context, plan.pipeline, values);
            } catch (RuntimeException e) {
                end(part, RunState.FAILED, "Hook afterPipelineRun failed: " + e, null);
                throw e;
            }
            Instant finished = Instant.now();
            end(part, RunState.SUCCEEDED, null, null, finished);
            Map<String, Object> params = runtimeParams;
            return new RunResult(runId, spec.pipeline(), values, () -> RunJournal.merge(runId, List.of(partView(
                    ran(spec, runId, params), entry.name(), plan, execution, RunState.SUCCEEDED, null, null,
                    finished))));
        } finally {
            if (part != null) {
                part.close();
            }
            leases.close();
        }
    }

    /**
     * The leases of a run on the persisted, unversioned data it shares with other runs: shared
     * where it only reads, exclusive where it writes; none at all for a run in memory.
     */
    private Leases.Held leases(CompiledPlan plan, RunContext run) {
        if (plan.leaseSlots.length == 0) {
            return Leases.NONE;
        }
        List<LeaseRequest> requests = new ArrayList<>(plan.leaseSlots.length);
        for (int k = 0; k < plan.leaseSlots.length; k++) {
            Slot slot = plan.slots[plan.leaseSlots[k]];
            Optional<DataLocation> where = slot.shared().sharedLocation(run);
            if (where.isPresent()) {
                requests.add(new LeaseRequest(where.get().lockFile(),
                        plan.leaseWrites[k] ? LeaseMode.EXCLUSIVE : LeaseMode.SHARED, where.get().display()));
            }
        }
        return Leases.acquire(requests, run.runId(), options.sharedData() == SessionOptions.SharedData.WAIT);
    }

    /**
     * The spec as it ran, complete enough to run it again elsewhere: its run id, this session's
     * environment, and every parameter override (the session's runtime params and the spec's).
     */
    private RunSpec ran(RunSpec spec, String runId, Map<String, Object> runtimeParams) {
        return new RunSpec(spec.pipeline(), spec.selection(), spec.onlyMissingOutputs(), spec.group(), spec.groupBy(),
                spec.runner(),
                spec.maxWorkers(), runId, runtimeParams, spec.loadVersions(), spec.outputs(), options.env(),
                spec.journal());
    }

    private static void end(JournalPart part, RunState state, String error, RunSpec resume) {
        end(part, state, error, resume, Instant.now());
    }

    private static void end(JournalPart part, RunState state, String error, RunSpec resume, Instant at) {
        if (part != null) {
            part.finished(state, error, resume, at);
        }
    }

    /** What the journal records of the config a session read (see {@link RunJournal.ConfigUsed}). */
    static RunJournal.ConfigUsed configUsed(io.sluice.config.ConfigInput input) {
        if (input == null) {
            return RunJournal.ConfigUsed.PROJECT;
        }
        return new RunJournal.ConfigUsed(input.source() == null ? null : input.source().identity(),
                input.overrides().digest());
    }

    /** This process's part of the run, as the journal would read it back. */
    private RunJournal.Part partView(RunSpec ran, String runner, CompiledPlan plan, RunExecution execution,
                                     RunState state, String error, RunSpec resume, Instant finished) {
        List<RunJournal.NodeRecord> nodes = new ArrayList<>(plan.size());
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            nodes.add(execution.record(i));
            written.putAll(execution.writtenVersions(i));
        }
        return new RunJournal.Part(ran.group() == null ? RunJournal.WHOLE_RUN : ran.group(), ran, runner,
                journals.gitCommit(), plan.pipeline.structureHash(), journals.host(), ProcessHandle.current().pid(), 1,
                RunTimes.format(execution.startedAt), RunTimes.format(finished), state, error, nodes, written, resume,
                plan.pipeline.nodeHashes(), ran.group() == null ? List.of()
                        : grouping(ran.pipeline(), ran.groupBy()).groupIds(), journals.config());
    }

    /**
     * Compiles the plan of {@code spec} with these injected dataset names and reads its artifacts
     * without running anything, so that the first real run of that shape is as fast as the next
     * ones (a service calls it at start-up). Only the names of the injected inputs matter here,
     * not their values.
     *
     * @throws SluiceException what {@link #run} would throw before any node runs
     */
    public void prepare(RunSpec spec, Injected injected) {
        Pipeline nodes = spec.group() == null ? pipeline(spec.pipeline())
                : groupRun(spec.pipeline(), spec.group(), spec.groupBy()).pipeline();
        planFor(spec, injected.inputs().keySet(), nodes, RunContext.outsideRun(options.projectDir()));
    }

    /**
     * Whether a run of {@code spec} with {@code injected} would do no I/O of its own, so that a
     * caller may run it on a thread that must not block, such as a server's event loop: its plan
     * is compiled already (this method compiles nothing, since compiling may read artifacts);
     * every dataset it reads is injected, a memory dataset, or an artifact whose shared value is
     * loaded; every dataset it writes is a memory dataset; it writes no journal, neither the
     * project nor the caller registers hooks (which may do I/O), and it runs sequentially on the
     * calling thread. Node functions are taken to compute, not to wait (I/O belongs in datasets):
     * what they do is not inspected, so a caller that runs on such a thread should still watch the
     * run time. A spec that cannot run is reported as not in memory; {@link #run} says why.
     */
    public boolean runsInMemory(RunSpec spec, Injected injected) {
        if (spec.onlyMissingOutputs() || spec.journal() || !hooks.isEmpty() || !injected.hooks().isEmpty()
                || spec.maxWorkers() != 0) {
            return false;
        }
        RunnerEntry entry = runnerCatalog.find(spec.runner());
        if (entry == null || !(entry.runner() instanceof SequentialRunner) || !entry.policy().isEmpty()) {
            return false;
        }
        CompiledPlan plan = plans.get(PlanKey.of(spec, injected.inputs().keySet()));
        if (plan == null || !plan.memoryOnly) {
            return false;
        }
        for (Slot slot : plan.slots) {
            if (slot.artifact()) {
                return artifacts != null && artifacts.loaded(plan);
            }
        }
        return true;
    }

    private static void fail(Hooks hooks, RunContext context, CompiledPlan plan, SluiceException failure) {
        try {
            hooks.onPipelineError(context, plan.pipeline, failure);
        } catch (RuntimeException hookFailure) {
            failure.addSuppressed(hookFailure);
        }
    }

    /** The plan of {@code spec}, compiled and its artifacts read (for {@code run}) the first time. */
    private CompiledPlan planFor(RunSpec spec, Set<String> injected, Pipeline registered, RunContext run) {
        if (spec.onlyMissingOutputs()) {
            Pipeline selected = select(spec, injected, registered);
            return compilePlan(spec, injected, MissingOutputs.select(selected, catalog, injected,
                    journals.lastSaved(), run));
        }
        PlanKey key = PlanKey.of(spec, injected);
        CompiledPlan plan = plans.get(key);
        if (plan == null) {
            plan = compilePlan(spec, injected, select(spec, injected, registered));
            if (artifacts != null) {
                artifacts.preload(plan, run);
            }
            if (plans.size() >= PLAN_CACHE_LIMIT) {
                plans.clear();
            }
            plans.put(key.detached(), plan);
        }
        return plan;
    }

    private CompiledPlan compilePlan(RunSpec spec, Set<String> injected, Pipeline selected) {
        for (String name : injected) {
            if (!selected.datasets().contains(name)) {
                throw new SluiceException("Injected input '" + name + "' is not a dataset of pipeline '"
                        + spec.pipeline() + "' (after node selection). Known free inputs: "
                        + new java.util.TreeSet<>(selected.inputs()) + ".");
            }
        }
        for (String name : spec.outputs()) {
            if (!selected.allOutputs().contains(name) && !injected.contains(name)) {
                throw new SluiceException("Requested output '" + name + "' is not produced by pipeline '"
                        + spec.pipeline() + "' (after node selection). Its outputs: "
                        + new java.util.TreeSet<>(selected.allOutputs()) + ".");
            }
        }
        return CompiledPlan.compile(spec.pipeline(), selected, catalog, parameters, injected);
    }

    /** Applies the selection options, then prunes what injected datasets make unnecessary. */
    private Pipeline select(RunSpec spec, Set<String> injected, Pipeline registered) {
        Pipeline selected = registered.filter(spec.selection());
        return Injection.prune(selected, injected, spec.outputs());
    }

    private Object[][] rebind(CompiledPlan plan, Map<String, Object> overrides) {
        Parameters overridden = parameters.withOverrides(overrides);
        Object[][] bound = new Object[plan.boundParams.length][];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = plan.boundParams[i].clone();
            for (int j = 0; j < bound[i].length; j++) {
                if (plan.inputSources[i][j] == InputSource.PARAMETER) {
                    bound[i][j] = overridden.bind(plan.nodes[i].inputs().get(j), plan.inputTypes[i][j],
                            "parameter " + (j + 1) + " of node '" + plan.nodes[i].name() + "'");
                }
            }
        }
        return bound;
    }

    /**
     * The runner entry {@code spec} names: a declared or built-in entry (a map lookup, nothing
     * allocated), or one made once for another {@code --max-workers} or a runner class name.
     *
     * @throws io.sluice.runner.RunnerConfigException for a name no entry has, listing the entries
     */
    private RunnerEntry runnerFor(RunSpec spec) {
        RunnerEntry entry = runnerCatalog.find(spec.runner());
        if (entry != null && spec.maxWorkers() == 0) {
            return entry;
        }
        if (entry == null && !spec.runner().contains(".")) {
            throw runnerCatalog.unknown(spec.runner());
        }
        String key = spec.runner() + "#" + spec.maxWorkers();
        return runners.computeIfAbsent(key, k -> entry != null ? entry.withMaxWorkers(spec.maxWorkers())
                : RunnerEntry.ofClass(spec.runner(), Runners.create(spec.runner(), spec.maxWorkers(),
                project.getClass().getClassLoader())));
    }

    /** The named runners: runners.yml's entries and the built-in ones. */
    public RunnerCatalog runners() {
        return runnerCatalog;
    }

    /** The threads of started runs, created on the first {@link #start}. */
    private synchronized ExecutorService executor() {
        if (closed) {
            throw new RejectedExecutionException("session closed");
        }
        if (executor == null) {
            AtomicInteger ids = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sluice-run-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    /**
     * The registered pipelines by name, {@code __default__} included, sorted by name. This builds
     * every pipeline the project registers as a factory ({@link Project#pipelineFactories()});
     * {@link #pipelineNames()} builds none.
     *
     * @throws SluiceException when a registered pipeline cannot be built
     */
    public Map<String, Pipeline> pipelines() {
        return pipelines.all();
    }

    /** The pipelines built so far by name, sorted: for messages that must not build any. */
    Map<String, Pipeline> builtPipelines() {
        return pipelines.builtSoFar();
    }

    /** The registered pipeline names, {@code __default__} included, sorted; builds no pipeline. */
    public Set<String> pipelineNames() {
        return pipelines.names();
    }

    /**
     * The registered pipeline {@code name}, built on first demand when the project registers it as
     * a factory (building no other); the error lists the registered names, or names the class a
     * pipeline that cannot be built is missing.
     */
    public Pipeline pipeline(String name) {
        return pipelines.get(name);
    }

    /**
     * The registered pipeline {@code pipelineName} as data: nodes with their functions by name and
     * type names, datasets with how this session's catalog stores them, parameters and the
     * structure hash (see {@link PipelineDocument}). What {@code sluice pipelines export} writes.
     *
     * @throws SluiceException if no pipeline {@code pipelineName} is registered
     */
    public PipelineDocument export(String pipelineName) {
        return PipelineExporter.export(describe(pipelineName), pipeline(pipelineName), catalog);
    }

    /**
     * What the registered pipeline {@code pipelineName} takes and gives: its free inputs, parameters and
     * outputs with the Java types its nodes declare, and every dataset with how the catalog stores
     * it (see {@link PipelineDescription}). Computed on the first call for each pipeline, then
     * the same instance.
     *
     * @throws SluiceException if no pipeline {@code pipelineName} is registered; the message lists those that are
     */
    public PipelineDescription describe(String pipelineName) {
        return descriptions.computeIfAbsent(pipelineName, n -> PipelineDescriber.describe(n, pipeline(n), catalog));
    }

    /**
     * The grouping of the registered pipeline {@code pipelineName} that runs of one group
     * ({@link RunSpec#group()}) use: by the strategy of the environment's deploy config
     * ({@code conf/<env>/deploy.yml}, see {@link DeploySpec#strategyOf}; memory-connected
     * components without one), so that every process of a run derives the same groups. Computed
     * and validated (with the project's hooks' group checks) on the first call for each pipeline,
     * then the same instance.
     *
     * @throws io.sluice.group.InvalidGroupingException listing every problem of the grouping
     * @throws io.sluice.config.ConfigException          for a wrong deploy config, at its file:line
     */
    public Grouping grouping(String pipelineName) {
        return grouping(pipelineName, null);
    }

    /**
     * The grouping of the registered pipeline {@code pipelineName} by {@code by}
     * ({@link RunSpec#groupBy()}: {@code --group-by}, a runner entry's {@code grouping:}), or by
     * the deploy config when {@code by} is null ({@link #grouping(String)}). Computed and validated
     * on the first call for each pipeline and strategy, then the same instance.
     *
     * @throws io.sluice.group.InvalidGroupingException listing every problem of the grouping
     * @throws io.sluice.config.ConfigException          for a wrong deploy config, at its file:line
     */
    public Grouping grouping(String pipelineName, io.sluice.run.GroupBy by) {
        GroupingKey key = new GroupingKey(pipelineName, by);
        Grouping known = groupings.get(key);
        if (known != null) {
            return known;
        }
        Pipeline registered = pipeline(pipelineName);
        GroupStrategy strategy = DeploySpec.strategyOf(config.get("deploy"), by);
        Grouping grouping = Grouper.of(pipelineName, registered, name -> catalog.dataset(name).isPersistent())
                .group(strategy);
        Grouper.check(grouping, hooks.groupRules()).orThrow("Pipeline '" + pipelineName + "' cannot run by groups "
                + "of " + grouping.strategy() + " (environment " + options.env() + ")", by == null
                ? "Fix the deploy config (conf/base/deploy.yml or conf/" + options.env() + "/deploy.yml) or the "
                + "catalog; sluice groups -p " + pipelineName + " --by ... --check shows the groups of each strategy."
                : "Group by another strategy than " + by + ", or fix the catalog; sluice groups -p " + pipelineName
                + " --by ... --check shows the groups of each strategy.");
        Grouping previous = groupings.putIfAbsent(key, grouping);
        return previous != null ? previous : grouping;
    }

    /** The run of group {@code id} of {@code pipelineName}: its nodes and the datasets it pins. */
    private GroupRun groupRun(String pipelineName, String id, io.sluice.run.GroupBy by) {
        GroupRunKey key = new GroupRunKey(pipelineName, by, id);
        GroupRun known = groupRuns.get(key);
        if (known != null) {
            return known;
        }
        Grouping grouping = grouping(pipelineName, by);
        Group group = grouping.group(id);
        if (group == null) {
            throw new SluiceException("Pipeline '" + pipelineName + "' has no group '" + id + "' (grouped by "
                    + grouping.strategy() + ")." + io.sluice.Suggestions.didYouMean(id, grouping.groupIds())
                    + " Its groups: " + String.join(", ", grouping.groupIds()) + ".");
        }
        GroupRun run = GroupRun.of(pipeline(pipelineName), grouping, group, catalog);
        GroupRun previous = groupRuns.putIfAbsent(key, run);
        return previous != null ? previous : run;
    }

    /** The group ids of the grouping {@code group} belongs to, for the journal; empty for a whole run. */
    private List<String> groupIds(GroupRun group) {
        return group == null ? List.of() : group.groupIds();
    }

    /**
     * The session's engines ({@code engines.yml}): built at compile, each client created on its
     * first use and closed with the session.
     */
    public EngineCatalog engines() {
        return catalog.engines();
    }

    /**
     * The engines a run of the registered pipeline {@code pipelineName} may use: those its nodes
     * read as {@code engine:<name>} inputs and those its datasets name in their entries. Sorted.
     * What a server pings before it says it is ready.
     *
     * @throws SluiceException if no such pipeline is registered
     */
    public Set<String> enginesUsedBy(String pipelineName) {
        Pipeline p = pipeline(pipelineName);
        Set<String> names = new java.util.TreeSet<>();
        for (String input : p.inputs(io.sluice.pipeline.InputKind.ENGINE)) {
            names.add(input.substring(io.sluice.pipeline.InputKind.ENGINE_PREFIX.length()));
        }
        for (String dataset : p.datasets()) {
            if (io.sluice.pipeline.InputKind.of(dataset) == io.sluice.pipeline.InputKind.DATASET) {
                names.addAll(catalog.enginesOf(dataset));
            }
        }
        return names;
    }

    /** The compiled catalog. */
    public DataCatalog catalog() {
        return catalog;
    }

    /** The loaded configuration. */
    public ProjectConfig config() {
        return config;
    }

    /** The bound parameters. */
    public Parameters parameters() {
        return parameters;
    }

    /** The options this session was compiled with. */
    public SessionOptions options() {
        return options;
    }

    /** The project this session was compiled from. */
    public Project project() {
        return project;
    }

    /**
     * Cancels the started runs still going, stops the worker threads of parallel runners this
     * session created, closes shared artifacts that hold resources (an ONNX model's native
     * session, for one), and last closes the catalog with its session-scoped resources (SQL
     * connection pools, in-process databases). Later calls do nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (executor != null) {
                executor.shutdown();
            }
        }
        for (StartedRun run : List.copyOf(started)) {
            run.cancel();
        }
        if (artifacts != null) {
            try {
                artifacts.close();
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        for (RunnerEntry e : runners.values()) {
            RunnerEntry shared = runnerCatalog.find(e.name());
            if (e.runner() instanceof AutoCloseable c && (shared == null || shared.runner() != e.runner())) {
                try {
                    c.close();
                } catch (Exception ex) {
                    LOG.warn("Closing runner {} failed: {}", e.name(), ex.toString());
                }
            }
        }
        runners.clear();
        runnerCatalog.close();
        if (clock instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Stopping the timeout timer failed: {}", e.toString());
            }
        }
        try {
            catalog.close(); // closes the catalog's own connection pools and in-process databases
        } finally {
            catalog.engines().close(); // last: datasets may use engines until the catalog is closed
        }
    }

    /**
     * The shape of a run. Lookups use the spec's and the injection's own (unmodifiable) name sets
     * as they are; the key stored in the cache is {@link #detached()} from them, so that the cache
     * does not keep injected values alive.
     */
    private record PlanKey(String pipeline, String group, PipelineFilter filter, Set<String> injected,
                           Set<String> outputs) {
        /** The shape of {@code spec} with {@code injected} names, over their own sets (for lookups). */
        static PlanKey of(RunSpec spec, Set<String> injected) {
            return new PlanKey(spec.pipeline(), spec.group(), spec.selection(), injected, spec.outputs());
        }

        PlanKey detached() {
            return new PlanKey(pipeline, group, filter, Set.copyOf(injected), Set.copyOf(outputs));
        }

        // Written out: a record's generated equals and hashCode are bootstrapped (classes spun) on
        // first call, about 5 ms of every one-off run; these compare the same components.
        @Override
        public boolean equals(Object o) {
            return o instanceof PlanKey k && Objects.equals(pipeline, k.pipeline) && Objects.equals(group, k.group)
                    && Objects.equals(filter, k.filter) && Objects.equals(injected, k.injected)
                    && Objects.equals(outputs, k.outputs);
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(pipeline);
            h = 31 * h + Objects.hashCode(group);
            h = 31 * h + Objects.hashCode(filter);
            h = 31 * h + Objects.hashCode(injected);
            return 31 * h + Objects.hashCode(outputs);
        }
    }
}
