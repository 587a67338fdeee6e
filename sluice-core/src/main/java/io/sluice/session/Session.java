package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.io.Parameters;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.project.Project;
import io.sluice.runner.NodeFailedException;
import io.sluice.runner.Runner;
import io.sluice.runner.Runners;
import io.sluice.runner.SequentialRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Project project;
    private final SessionOptions options;
    private final ProjectConfig config;
    private final DataCatalog catalog;
    private final Parameters parameters;
    private final Map<String, Pipeline> pipelines;
    private final Hooks hooks;
    private final JournalWriter journals;
    private final Map<PlanKey, CompiledPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, Runner> runners = new ConcurrentHashMap<>();
    private final Runner sequential = new SequentialRunner();
    private final Artifacts artifacts;

    private Session(Project project, SessionOptions options, ProjectConfig config, DataCatalog catalog,
                    Parameters parameters, Map<String, Pipeline> pipelines) {
        this.project = project;
        this.options = options;
        this.config = config;
        this.catalog = catalog;
        this.parameters = parameters;
        this.pipelines = pipelines;
        this.hooks = Hooks.of(project.hooks());
        this.journals = new JournalWriter(options.projectDir());
        this.artifacts = options.loadArtifactsOnce() ? new Artifacts() : null;
    }

    /**
     * Compiles {@code project} with {@code options}: loads {@code conf/base} and
     * {@code conf/<env>}, builds the catalog and checks the registered pipelines.
     */
    public static Session compile(Project project, SessionOptions options) {
        ProjectConfig config = ConfigLoader.load(options.projectDir(), options.env(), options.runtimeParams());
        DataCatalog catalog = DataCatalog.fromConfig(config.catalog(), config.credentials(), options.projectDir());
        Parameters parameters = Parameters.fromConfig(config.parameters());
        Map<String, Pipeline> registered = project.pipelines();
        if (registered == null) {
            throw new SluiceException("Project " + project.getClass().getName() + " returned no pipelines: "
                    + "pipelines() must return a map (it may be empty).");
        }
        Map<String, Pipeline> pipelines = new TreeMap<>(registered);
        if (!pipelines.containsKey(Project.DEFAULT_PIPELINE)) {
            pipelines.put(Project.DEFAULT_PIPELINE, Pipeline.of(new ArrayList<>(registered.values())));
        }
        return new Session(project, options, config, catalog, parameters, Collections.unmodifiableMap(pipelines));
    }

    /**
     * Runs {@code request} and returns the requested output values.
     *
     * @throws RunFailedException when a node fails; its message names the node and its inputs and
     *                            it carries the command that resumes the run
     * @throws SluiceException    when the request cannot run (unknown pipeline, empty selection,
     *                            missing parameter…); nothing ran then
     */
    public RunResult run(RunRequest request) {
        String runId = request.runId() == null ? RunIds.next() : RunIds.validate(request.runId());
        Pipeline registered = pipeline(request.pipelineName());
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        CompiledPlan plan = planFor(request, registered);
        Map<String, Object> runtimeParams = options.runtimeParams();
        if (!request.params().isEmpty()) {
            runtimeParams = new LinkedHashMap<>(runtimeParams);
            runtimeParams.putAll(request.params());
        }
        RunContext context = new RunContext(runId, request.pipelineName(), options.env(), runtimeParams,
                options.projectDir(), request.loadVersions());
        Set<String> outputs = request.outputs().isEmpty() ? plan.defaultOutputs : request.outputs();
        Object[][] bound = request.params().isEmpty() ? plan.boundParams : rebind(plan, request.params());
        Hooks runHooks = hooks.plus(request.hooks());
        RunExecution execution = new RunExecution(plan, context, runHooks, bound, request.inputs(), outputs,
                artifacts);
        Runner runner = runnerFor(request);
        if (runner == sequential) {
            execution.chainTimings();
        }
        LOG.debug("Running pipeline '{}' ({} nodes, run id {}, runner {})", request.pipelineName(), plan.size(),
                runId, runner.name());
        try (RunContext.Scope ignored = RunContext.enter(context)) {
            try {
                runHooks.beforePipelineRun(context, plan.pipeline);
                runner.run(plan, execution);
            } catch (NodeFailedException e) {
                String resume = ResumeAdvisor.command(plan, execution.status, request.filter(), options.env(),
                        runtimeParams, request.runner(), request.maxWorkers());
                Throwable cause = e.getCause();
                String message = cause instanceof NodeExecutionException ? cause.getMessage()
                        : "Node '" + plan.nodeName(e.node()) + "' failed: " + cause;
                RunFailedException failure = new RunFailedException(message, runId, plan.nodeName(e.node()), resume,
                        cause);
                fail(runHooks, context, plan, failure);
                journal(request, plan, execution, runner, started, startNanos, System.nanoTime(), "FAILED", message,
                        resume);
                throw failure;
            } catch (RuntimeException e) {
                RunFailedException failure = new RunFailedException("Run " + runId + " of pipeline '"
                        + request.pipelineName() + "' failed: " + e.getMessage(), runId, null, null, e);
                fail(runHooks, context, plan, failure);
                journal(request, plan, execution, runner, started, startNanos, System.nanoTime(), "FAILED",
                        failure.getMessage(), null);
                throw failure;
            }
            Map<String, Object> values = execution.outputs();
            runHooks.afterPipelineRun(context, plan.pipeline, values);
            long endNanos = System.nanoTime();
            if (request.journal()) {
                RunJournal journal = journal(request, plan, execution, runner, started, startNanos, endNanos,
                        "SUCCEEDED", null, null);
                return new RunResult(runId, request.pipelineName(), values, journal);
            }
            return new RunResult(runId, request.pipelineName(), values, () -> buildJournal(request, plan, execution,
                    runner, started, startNanos, endNanos, "SUCCEEDED", null, null));
        }
    }

    /**
     * Compiles the plan of {@code request} and reads its artifacts without running anything, so
     * that the first real run of that shape is as fast as the next ones (a service calls it at
     * start-up). Only the names of the request's inputs matter here, not their values.
     *
     * @throws SluiceException what {@link #run} would throw before any node runs
     */
    public void prepare(RunRequest request) {
        planFor(request, pipeline(request.pipelineName()));
    }

    /**
     * Whether a run of {@code request} would do no I/O of its own, so that a caller may run it on
     * a thread that must not block, such as a server's event loop: its plan is compiled already
     * (this method compiles nothing, since compiling may read artifacts); every dataset it reads
     * is injected, a memory dataset, or an artifact whose shared value is loaded; every dataset it
     * writes is a memory dataset; it writes no journal, neither the project nor the request
     * registers hooks (which may do I/O), and it runs sequentially on the calling thread. Node
     * functions are taken to compute, not to wait (I/O belongs in datasets): what they do is not
     * inspected, so a caller that runs on such a thread should still watch the run time. A
     * request that cannot run is reported as not in memory; {@link #run} says why.
     */
    public boolean runsInMemory(RunRequest request) {
        if (request.onlyMissingOutputs() || request.journal() || !hooks.isEmpty() || !request.hooks().isEmpty()
                || !RunRequest.SEQUENTIAL.equals(request.runner())) {
            return false;
        }
        CompiledPlan plan = plans.get(PlanKey.of(request));
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

    private static void fail(Hooks hooks, RunContext context, CompiledPlan plan, RunFailedException failure) {
        try {
            hooks.onPipelineError(context, plan.pipeline, failure);
        } catch (RuntimeException hookFailure) {
            failure.addSuppressed(hookFailure);
        }
    }

    private CompiledPlan planFor(RunRequest request, Pipeline registered) {
        if (request.onlyMissingOutputs()) {
            Pipeline selected = select(request, registered);
            return compilePlan(request, MissingOutputs.select(selected, catalog, request.inputs().keySet()));
        }
        PlanKey key = PlanKey.of(request);
        CompiledPlan plan = plans.get(key);
        if (plan == null) {
            plan = compilePlan(request, select(request, registered));
            if (artifacts != null) {
                artifacts.preload(plan);
            }
            if (plans.size() >= PLAN_CACHE_LIMIT) {
                plans.clear();
            }
            plans.put(key.detached(), plan);
        }
        return plan;
    }

    private CompiledPlan compilePlan(RunRequest request, Pipeline selected) {
        for (String name : request.inputs().keySet()) {
            if (!selected.datasets().contains(name)) {
                throw new SluiceException("Injected input '" + name + "' is not a dataset of pipeline '"
                        + request.pipelineName() + "' (after node selection). Known free inputs: "
                        + new java.util.TreeSet<>(selected.inputs()) + ".");
            }
        }
        for (String name : request.outputs()) {
            if (!selected.allOutputs().contains(name) && !request.inputs().containsKey(name)) {
                throw new SluiceException("Requested output '" + name + "' is not produced by pipeline '"
                        + request.pipelineName() + "' (after node selection). Its outputs: "
                        + new java.util.TreeSet<>(selected.allOutputs()) + ".");
            }
        }
        return CompiledPlan.compile(request.pipelineName(), selected, catalog, parameters, request.inputs().keySet());
    }

    /** Applies the selection options, then prunes what injected datasets make unnecessary. */
    private Pipeline select(RunRequest request, Pipeline registered) {
        Pipeline selected = registered.filter(request.filter());
        return Injection.prune(selected, request.inputs().keySet(), request.outputs());
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

    private Runner runnerFor(RunRequest request) {
        if (RunRequest.SEQUENTIAL.equals(request.runner())) {
            return sequential;
        }
        String key = request.runner() + "#" + request.maxWorkers();
        return runners.computeIfAbsent(key, k -> Runners.create(request.runner(), request.maxWorkers(),
                project.getClass().getClassLoader()));
    }

    /** Builds the journal and writes it unless the request turned journals off. */
    private RunJournal journal(RunRequest request, CompiledPlan plan, RunExecution execution, Runner runner,
                               Instant started, long startNanos, long endNanos, String outcome, String error,
                               String resume) {
        RunJournal journal = buildJournal(request, plan, execution, runner, started, startNanos, endNanos, outcome,
                error, resume);
        if (request.journal()) {
            journals.write(journal);
        }
        return journal;
    }

    private RunJournal buildJournal(RunRequest request, CompiledPlan plan, RunExecution execution, Runner runner,
                                    Instant started, long startNanos, long endNanos, String outcome, String error,
                                    String resume) {
        List<RunJournal.NodeRecord> nodes = new ArrayList<>(plan.size());
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            byte status = execution.status[i];
            String startedAt = execution.startNanos[i] == 0 ? null
                    : started.plusNanos(execution.startNanos[i] - startNanos).toString();
            nodes.add(new RunJournal.NodeRecord(plan.nodeName(i), statusName(status), startedAt,
                    execution.durationNanos[i] / 1e6, execution.errors[i]));
            if (status == RunExecution.COMPLETED) {
                for (int s : plan.outputSlots[i]) {
                    if (plan.slots[s].shared() != null && plan.slots[s].shared().isVersioned()) {
                        written.put(plan.slots[s].name(), execution.runId());
                    }
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(options.runtimeParams());
        params.putAll(request.params());
        return new RunJournal(execution.runId(), request.pipelineName(), options.env(),
                request.filter().toCliArgs(), params, runner.name(), started.toString(),
                started.plusNanos(endNanos - startNanos).toString(), outcome, error, nodes, written, resume);
    }

    private static String statusName(byte status) {
        return switch (status) {
            case RunExecution.COMPLETED -> "COMPLETED";
            case RunExecution.FAILED -> "FAILED";
            default -> "NOT_RUN";
        };
    }

    /** The registered pipelines by name, {@code __default__} included, sorted by name. */
    public Map<String, Pipeline> pipelines() {
        return pipelines;
    }

    /** The registered pipeline {@code name}; the error lists the registered names. */
    public Pipeline pipeline(String name) {
        Pipeline p = pipelines.get(name);
        if (p == null) {
            throw new SluiceException("Pipeline '" + name + "' is not registered by project " + project.name()
                    + ". Registered pipelines: " + String.join(", ", pipelines.keySet()) + ".");
        }
        return p;
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
     * Stops the worker threads of parallel runners this session created and closes shared
     * artifacts that hold resources (an ONNX model's native session, for one).
     */
    @Override
    public void close() {
        if (artifacts != null) {
            try {
                artifacts.close();
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        for (Runner r : runners.values()) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Closing runner {} failed: {}", r.name(), e.toString());
                }
            }
        }
        runners.clear();
    }

    /**
     * The shape of a request. Lookups use the request's own (unmodifiable) name sets as they are;
     * the key stored in the cache is {@link #detached()} from the request, so that the cache does
     * not keep a request's injected values alive.
     */
    private record PlanKey(String pipeline, PipelineFilter filter, Set<String> injected, Set<String> outputs) {
        /** The shape of {@code request}, over its own name sets (for lookups). */
        static PlanKey of(RunRequest request) {
            return new PlanKey(request.pipelineName(), request.filter(), request.inputs().keySet(), request.outputs());
        }

        PlanKey detached() {
            return new PlanKey(pipeline, filter, Set.copyOf(injected), Set.copyOf(outputs));
        }
    }
}
