package io.sluice.server;

import io.sluice.SluiceException;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunHandle;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.server.ServerConfig.RunOn;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.undertow.io.IoCallback;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;

/**
 * {@code POST /pipelines/{name}/runs}: admits a run (503 while not ready, 429 over
 * {@code max_concurrent_runs}, 413 over {@code max_body_bytes}), reads its body without blocking,
 * decides where it executes ({@link RunOn}: on the IO thread that read it, or on a worker), runs
 * it and answers. A synchronous run answers its outputs (504 after {@code request_timeout} on a
 * worker); an asynchronous one is started with {@link Session#start} and answers 202 at once,
 * {@link AsyncRuns} keeping its handle.
 *
 * <p>While the server warms up, only requests carrying its warm-up token
 * ({@link #WARM_UP_HEADER}, sent by {@link WarmUpDriver}) are admitted, onto a route of their own
 * that writes no journal, counts in metrics nothing shows and runs only what stays in memory;
 * the placement of {@code run_on: auto} ({@link IoThreadBudget}) learns from their successful
 * runs, so that a fast pipeline serves its first client request on the IO thread already.
 *
 * <p>Every admitted run holds a concurrency permit and an {@link InFlight} entry from admission
 * until its end is answered (synchronous) or recorded (asynchronous), so that graceful shutdown
 * waits for both kinds. On the way of a synchronous in-memory run nothing is allocated or looked
 * up that the run does not need.
 */
final class RunDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RunDispatcher.class);
    /** Bodies up to this size are bound on the IO thread when runs may execute there. */
    private static final int INLINE_BODY_LIMIT = 64 * 1024;

    private final Session session;
    private final ServerConfig config;
    private final Supplier<Phase> phase;
    private final InFlight inFlight;
    private final AsyncRuns asyncRuns;
    private final Semaphore permits;
    /** Ends a run's exchange, then its {@link #inFlight} entry: one for every response, not one each. */
    private final IoCallback exitAfterSend;
    /** What a client reads of a failed run: no paths of the server, no stack traces. */
    private final FailureMessages failures;
    /**
     * The secret that admits the server's own warm-up requests while it warms up ({@link #WARM_UP_HEADER});
     * new for every server, never logged.
     */
    private final String warmUpToken;
    /** The runner of each request: {@code ?runner=NAME} when allowed, else the server's. */
    private final ServedRunners runners;
    /** Where warm-up runs are counted. */
    private final ServerMetrics metrics;

    /** The header that carries {@link #warmUpToken()}. */
    static final String WARM_UP_HEADER = "X-Sluice-Warm-Up";

    RunDispatcher(Session session, ServerConfig config, Supplier<Phase> phase, InFlight inFlight, AsyncRuns asyncRuns,
                  ServerMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
        this.config = config;
        this.phase = phase;
        this.inFlight = inFlight;
        this.asyncRuns = asyncRuns;
        this.permits = config.maxConcurrentRuns() > 0 ? new Semaphore(config.maxConcurrentRuns()) : null;
        this.exitAfterSend = Responses.endThen(inFlight::exit);
        this.failures = new FailureMessages(session.options().projectDir());
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        this.warmUpToken = java.util.HexFormat.of().formatHex(secret);
        this.runners = new ServedRunners(config, session.runners().launcherNames());
    }

    /** What a warm-up request sends in {@link #WARM_UP_HEADER}. */
    String warmUpToken() {
        return warmUpToken;
    }

    /**
     * The handler of {@code api}'s run requests. It holds what every request of the pipeline
     * shares (the callbacks that receive its body), so that a request allocates none of it.
     */
    HttpHandler handler(PipelineApi api) {
        return new RunRoute(api, api.metrics, config.journal(), null);
    }

    /**
     * The way of one pipeline's run requests: clients' requests, or ({@link #warmUp}) the server's
     * own warm-up requests, which take the same way but write no journal, count in metrics of
     * their own that nothing shows, never start an async run, log nothing per run, and run only
     * what stays in memory.
     */
    private final class RunRoute implements HttpHandler {
        final PipelineApi api;
        /** Where runs and refusals are counted: the pipeline's, or a warm-up's own. */
        final RunMetrics metrics;
        final boolean journal;
        /** For clients' requests, the route of warm-up requests; null on that route itself. */
        final RunRoute warmUp;
        final Receiver.FullBytesCallback sync;
        final Receiver.FullBytesCallback async;
        /** A body that could not be read. */
        final Receiver.ErrorCallback bodyFailed;

        /** @param clients the route of clients' requests, or null to build that one (with its warm-up route) */
        RunRoute(PipelineApi api, RunMetrics metrics, boolean journal, RunRoute clients) {
            this.api = api;
            this.metrics = metrics;
            this.journal = journal;
            this.warmUp = clients == null ? new RunRoute(api, RunDispatcher.this.metrics.warmUp(api.name), false, this) : null;
            this.sync = (e, body) -> proceed(e, this, body, false);
            this.async = clients == null ? (e, body) -> proceed(e, this, body, true) : sync;
            this.bodyFailed = (e, failure) -> {
                release();
                inFlight.exit();
                e.setPersistent(false);
                metrics.refusals.refuse(e, Refusal.BAD_REQUEST, "could not read the request body: "
                        + failures.clean(failure.getMessage()));
            };
        }

        boolean isWarmUp() {
            return warmUp == null;
        }

        /** The route of {@code ex} while warming up: the warm-up route for the server's own requests, else null. */
        RunRoute warmUpRoute(HttpServerExchange ex) {
            String token = ex.getRequestHeaders().getFirst(WARM_UP_HEADER);
            return warmUp != null && token != null && java.security.MessageDigest.isEqual(
                    token.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    warmUpToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) ? warmUp : null;
        }

        @Override
        public void handleRequest(HttpServerExchange ex) {
            run(ex, this);
        }
    }

    /**
     * Compiles the plan of each pipeline's usual request (its required inputs, default outputs)
     * before the server listens, which reads its artifacts (a model) now rather than in the first
     * request. A pipeline that cannot be prepared is logged, not fatal: its requests say why.
     */
    void prepareRuns(Collection<PipelineApi> apis) {
        for (PipelineApi api : apis) {
            RunSpec usual = RunSpec.builder(api.name).runner(config.runner()).journal(config.journal()).build();
            Map<String, Object> inputs = new LinkedHashMap<>();
            for (String input : api.requiredInputs()) {
                inputs.put(input, null);
            }
            try {
                session.prepare(usual, Injected.inputs(inputs));
            } catch (RuntimeException e) {
                LOG.warn("Pipeline '{}' could not be prepared before serving; its requests will fail until this is "
                        + "fixed: {}", api.name, e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- admission and body (IO thread)

    /** Handles a run request of {@code route}'s pipeline, on the IO thread that read its head. */
    private void run(HttpServerExchange ex, RunRoute route) {
        RunMetrics metrics = route.metrics;
        boolean async;
        Deque<String> modes = ex.getQueryParameters().get("mode");
        String mode = modes == null || modes.isEmpty() ? "sync" : modes.getFirst();
        switch (mode) {
            case "sync" -> async = false;
            case "async" -> async = true;
            default -> {
                metrics.refusals.refuse(ex, Refusal.BAD_REQUEST, "mode: expected \"sync\" or \"async\", got \""
                        + mode + "\"");
                return;
            }
        }
        Phase now = phase.get();
        RunRoute warm = now == Phase.WARMING_UP ? route.warmUpRoute(ex) : null;
        if (warm != null) {
            route = warm;
            metrics = warm.metrics;
            async = false;
        }
        if (now != Phase.READY && warm == null || !inFlight.enter()) {
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            metrics.refusals.refuse(ex, Refusal.UNAVAILABLE, now == Phase.STARTING || now == Phase.NEW
                    ? "the server is starting; retry shortly"
                    : now == Phase.WARMING_UP ? "the server is warming up; retry shortly"
                    : "the server is shutting down; send the run to another instance");
            return;
        }
        if (permits != null && !permits.tryAcquire()) {
            inFlight.exit();
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            metrics.refusals.refuse(ex, Refusal.TOO_MANY_RUNS, "too many concurrent runs: the limit is "
                    + config.maxConcurrentRuns() + " (max_concurrent_runs); retry later");
            return;
        }
        long length = ex.getRequestContentLength();
        if (length > config.maxBodyBytes()) {
            release();
            inFlight.exit();
            tooLarge(ex, metrics, length);
            return;
        }
        if (length >= 0) {
            ex.getRequestReceiver().receiveFullBytes(async ? route.async : route.sync, route.bodyFailed);
        } else {
            RunRoute chosen = route;
            RunMetrics counted = metrics;
            boolean asyncRun = async;
            // Chunked: no length to check up front. Undertow's own entity limit would drop the
            // connection without a response, so the limit is enforced here, chunk by chunk.
            ex.getRequestReceiver().receivePartialBytes(new Receiver.PartialBytesCallback() {
                private byte[] buf = new byte[1024];
                private int size;
                private boolean refused;

                @Override
                public void handle(HttpServerExchange e, byte[] chunk, boolean last) {
                    if (refused) {
                        return;
                    }
                    if (size + (long) chunk.length > config.maxBodyBytes()) {
                        refused = true;
                        e.getRequestReceiver().pause();
                        release();
                        inFlight.exit();
                        tooLarge(e, counted, -1);
                        return;
                    }
                    if (size + chunk.length > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + chunk.length));
                    }
                    System.arraycopy(chunk, 0, buf, size, chunk.length);
                    size += chunk.length;
                    if (last) {
                        byte[] body = Arrays.copyOf(buf, size);
                        proceed(e, chosen, body, asyncRun);
                    }
                }
            }, chosen.bodyFailed);
        }
    }

    private void tooLarge(HttpServerExchange ex, RunMetrics metrics, long length) {
        ex.setPersistent(false); // the rest of the body is not read
        metrics.refusals.refuse(ex, Refusal.BODY_TOO_LARGE, "request body "
                + (length >= 0 ? "is " + length + " bytes" : "is too large") + "; the limit is " + config.maxBodyBytes()
                + " bytes (max_body_bytes)");
    }

    private void release() {
        if (permits != null) {
            permits.release();
        }
    }

    // ---------------------------------------------------------------- placement

    /**
     * On the IO thread, the body read: decides where the run executes ({@link RunOn}). A body
     * bigger than {@value #INLINE_BODY_LIMIT} bytes is bound on a worker thread, not here; so is
     * an async run's, which then starts on the session's threads.
     */
    private void proceed(HttpServerExchange ex, RunRoute route, byte[] body, boolean async) {
        RunOn runOn = config.runOn();
        IoThreadBudget budget = route.api.ioThreadBudget;
        if (async || runOn == RunOn.WORKER || runOn == RunOn.AUTO && body.length > INLINE_BODY_LIMIT) {
            ex.dispatch(() -> execute(ex, route, body, async));
            return;
        }
        Prepared prepared = prepare(ex, route, body);
        if (prepared == null) {
            return;
        }
        if (runOn == RunOn.IO_THREAD) {
            respond(ex, route, prepared, null);
        } else if (!session.runsInMemory(prepared.spec, prepared.injected)) { // false for a request that cannot run: its run says why
            ex.dispatch(() -> respond(ex, route, prepared, null));
        } else if (budget.onIoThread(System.nanoTime())) {
            respond(ex, route, prepared, budget);
        } else {
            ex.dispatch(() -> respond(ex, route, prepared, budget));
        }
    }

    /** A request bound to a run. */
    private record Prepared(String runId, RunSpec spec, Injected injected) {
    }

    /**
     * Binds the body to a run request; on a bad request answers it, releases the run's permit,
     * exits {@link #inFlight} and returns null.
     */
    private Prepared prepare(HttpServerExchange ex, RunRoute route, byte[] body) {
        PipelineApi api = route.api;
        try {
            String runner = runners.of(ex);
            PipelineApi.Parsed parsed = api.parse(body);
            String runId = session.newRunId();
            return new Prepared(runId, spec(route, parsed, runId, runner), Injected.inputs(parsed.inputs()));
        } catch (HttpError e) {
            release();
            route.metrics.refusals.count(e.refusal);
            Responses.send(ex, e.status, Json.error(e.getMessage(), null, null), exitAfterSend);
        } catch (RuntimeException e) {
            release();
            LOG.error("Cannot prepare a run of pipeline '{}'", api.name, e);
            Responses.send(ex, 500, Json.error("internal error: " + failures.clean(e.toString()), null, null),
                    exitAfterSend);
        }
        return null;
    }

    private RunSpec spec(RunRoute route, PipelineApi.Parsed parsed, String runId, String runner) {
        // one canonical construction instead of a builder, which copies the maps once more
        return new RunSpec(route.api.name, PipelineFilter.NONE, false, null, runner, 0, runId,
                parsed.params(), Map.of(), new LinkedHashSet<>(parsed.outputs()), null, route.journal);
    }

    /** On a worker thread: binds the request, then runs it and answers, or starts it (async). */
    private void execute(HttpServerExchange ex, RunRoute route, byte[] body, boolean async) {
        Prepared prepared = prepare(ex, route, body);
        if (prepared == null) {
            return;
        }
        if (async) {
            start(ex, route.api, prepared);
        } else {
            respond(ex, route, prepared, null);
        }
    }

    // ---------------------------------------------------------------- synchronous runs

    /**
     * Runs a synchronous request and answers it, with the {@code request_timeout} timer when on a
     * worker thread. Exits {@link #inFlight} exactly once.
     *
     * @param budget where the run time of an in-memory run is recorded ({@code run_on: auto}), or null
     */
    private void respond(HttpServerExchange ex, RunRoute route, Prepared prepared, IoThreadBudget budget) {
        PipelineApi api = route.api;
        Duration timeout = config.requestTimeout();
        if (timeout.isZero() || ex.isInIoThread()) { // no timer: nothing else may answer
            Outcome o = runNow(ex, route, prepared, budget);
            Responses.send(ex, o.status, o.body, exitAfterSend);
            return;
        }
        String runId = prepared.runId;
        AtomicBoolean responded = new AtomicBoolean();
        XnioExecutor.Key timer = ex.getIoThread().executeAfter(() -> {
            if (responded.compareAndSet(false, true)) {
                if (!route.isWarmUp()) {
                    LOG.warn("Run {} of pipeline '{}' exceeded request_timeout ({}); abandoned, it keeps running",
                            runId, api.name, timeout);
                }
                Responses.send(ex, 504, Json.error("run " + runId + " of pipeline '" + api.name
                        + "' did not finish within " + human(timeout) + " (request_timeout); it was abandoned "
                        + "and its nodes may still be running", runId, null));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Outcome o = runNow(ex, route, prepared, budget);
        if (responded.compareAndSet(false, true)) {
            timer.remove();
            Responses.send(ex, o.status, o.body, exitAfterSend);
        } else {
            inFlight.exit();
        }
    }

    /** What a finished synchronous run answers. */
    private record Outcome(int status, byte[] body) {
    }

    /**
     * Runs and turns every outcome into a response; releases the run's concurrency permit and
     * counts the run in the pipeline's metrics and, when given, its IO-thread budget.
     */
    private Outcome runNow(HttpServerExchange ex, RunRoute route, Prepared prepared, IoThreadBudget budget) {
        boolean onIoThread = ex.isInIoThread();
        int ioThread = onIoThread ? ex.getIoThread().getNumber() : -1;
        long start = System.nanoTime();
        boolean watched = budget != null && onIoThread && budget.startedOnIoThread(ioThread, start);
        Outcome o;
        try {
            o = outcome(route, prepared);
        } finally {
            if (watched) {
                budget.finishedOnIoThread(ioThread);
            }
        }
        long took = System.nanoTime() - start;
        if (budget != null && (o.status == 200 || !route.isWarmUp())) { // a warm-up's failures say nothing of real runs
            budget.record(took);
        }
        route.metrics.record(RunMetrics.Outcome.of(o.status), onIoThread, took);
        return o;
    }

    private Outcome outcome(RunRoute route, Prepared prepared) {
        PipelineApi api = route.api;
        String runId = prepared.runId;
        boolean log = !route.isWarmUp(); // a warm-up counts its failures and logs one line per pipeline
        try {
            if (route.isWarmUp() && !warmable(prepared)) {
                return new Outcome(409, Json.error("a warm-up runs only what stays in memory: this run would read "
                        + "or write persisted datasets or call hooks", runId, null));
            }
            RunResult result = session.run(prepared.spec, prepared.injected);
            return new Outcome(200, RunResponses.body(result.runId(), result.outputs()));
        } catch (RunFailedException e) {
            if (log) {
                LOG.warn("Run {} of pipeline '{}' failed at node '{}'", runId, api.name, e.failedNode(), e);
            }
            return new Outcome(500, Json.error(failures.clean(e.getMessage()), runId, e.failedNode()));
        } catch (PipelineApi.OutputNotJsonException e) {
            if (log) {
                LOG.warn("Run {} of pipeline '{}': {}", runId, api.name, e.getMessage(), e);
            }
            return new Outcome(500, Json.error(failures.clean(e.getMessage()), runId, api.producer(e.dataset)));
        } catch (SluiceException e) {
            // Refused before any node ran: the request does not fit the pipeline.
            route.metrics.refusals.count(Refusal.UNPROCESSABLE);
            return new Outcome(422, Json.error(failures.clean(e.getMessage()), runId, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            if (log) {
                LOG.error("Run {} of pipeline '{}' failed unexpectedly", runId, api.name, e);
            } else {
                LOG.debug("Warm-up run {} of pipeline '{}' failed unexpectedly", runId, api.name, e);
            }
            return new Outcome(500, Json.error("internal error in run " + runId + ": " + failures.clean(e.toString()),
                    runId, null));
        } finally {
            release();
        }
    }

    /**
     * Whether a warm-up may run {@code prepared}: its plan compiled (reading its artifacts, as the
     * first client request would), it stays in memory ({@link Session#runsInMemory}: no
     * persisted dataset read or written, no hooks, no journal).
     *
     * @throws SluiceException when the request cannot run
     */
    private boolean warmable(Prepared prepared) {
        session.prepare(prepared.spec, prepared.injected);
        return session.runsInMemory(prepared.spec, prepared.injected);
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    // ---------------------------------------------------------------- asynchronous runs

    /**
     * Starts an async run on the session's threads and answers 202 with its id. Its permit and
     * {@link #inFlight} entry are released when its end is recorded.
     */
    private void start(HttpServerExchange ex, PipelineApi api, Prepared prepared) {
        long started = System.nanoTime();
        RunHandle handle;
        try {
            handle = session.start(prepared.spec, prepared.injected);
        } catch (RuntimeException e) { // start reports failures through the handle; this is a bug, said so
            release();
            LOG.error("Cannot start run {} of pipeline '{}'", prepared.runId, api.name, e);
            Responses.send(ex, 500, Json.error("internal error: " + failures.clean(e.toString()), prepared.runId, null),
                    exitAfterSend);
            return;
        }
        asyncRuns.started(handle, api.name);
        // Registered before the callback: a run that ends at once still finds its entry.
        handle.completion().whenComplete((result, error) -> ended(api, handle, result, error, started));
        ex.getResponseHeaders().put(Headers.LOCATION, "/runs/" + prepared.runId);
        Responses.send(ex, 202, Responses.runId(prepared.runId));
    }

    /** On the thread that ended an async run: records its end, then frees its permit and slot. */
    private void ended(PipelineApi api, RunHandle handle, RunResult result, Throwable error, long started) {
        String runId = handle.runId();
        try {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            RunMetrics.Outcome outcome;
            RunState state;
            byte[] json;
            if (cause == null) {
                Map<String, Object> outputs = result.outputs();
                state = RunState.SUCCEEDED;
                outcome = RunMetrics.Outcome.SUCCEEDED;
                byte[] succeeded;
                try {
                    succeeded = AsyncRuns.status(runId, api.name, state, g -> PipelineApi.writeOutputs(g, outputs));
                } catch (PipelineApi.OutputNotJsonException e) {
                    LOG.warn("Run {} of pipeline '{}': {}", runId, api.name, e.getMessage(), e);
                    state = RunState.FAILED;
                    outcome = RunMetrics.Outcome.FAILED;
                    succeeded = failed(runId, api.name, failures.clean(e.getMessage()), api.producer(e.dataset));
                }
                json = succeeded;
            } else if (cause instanceof RunCancelledException) {
                state = RunState.CANCELLED;
                outcome = RunMetrics.Outcome.CANCELLED;
                json = AsyncRuns.status(runId, api.name, state, null);
            } else {
                state = RunState.FAILED;
                String node = null;
                if (refusedBeforeStart(cause)) {
                    outcome = RunMetrics.Outcome.REFUSED;
                } else if (cause instanceof RunFailedException f) {
                    node = f.failedNode();
                    outcome = RunMetrics.Outcome.FAILED;
                    LOG.warn("Run {} of pipeline '{}' failed at node '{}'", runId, api.name, node, cause);
                } else {
                    outcome = RunMetrics.Outcome.FAILED;
                    LOG.error("Run {} of pipeline '{}' failed unexpectedly", runId, api.name, cause);
                }
                String message = cause instanceof SluiceException ? cause.getMessage()
                        : "internal error in run " + runId + ": " + cause;
                json = failed(runId, api.name, failures.clean(message), node);
            }
            asyncRuns.finished(runId, state, json);
            api.metrics.record(outcome, false, System.nanoTime() - started);
        } finally {
            release();
            inFlight.exit();
        }
    }

    /**
     * Whether an async run ended because the session refused its spec before any node ran (a
     * parameter the node type rejects…), which a synchronous run answers 422. The handle reports
     * that as the session's own {@link SluiceException}, or as a {@link RunFailedException} that
     * carries it with the same message and no node; a failure during the run has a node, or a
     * message of its own ("Run … failed: …").
     */
    static boolean refusedBeforeStart(Throwable error) {
        if (error instanceof RunFailedException f) {
            return f.failedNode() == null && f.getCause() instanceof SluiceException reason
                    && !(reason instanceof RunFailedException) && Objects.equals(f.getMessage(), reason.getMessage());
        }
        return error instanceof SluiceException && !(error instanceof RunCancelledException);
    }

    private static byte[] failed(String runId, String pipeline, String message, String node) {
        return AsyncRuns.status(runId, pipeline, RunState.FAILED, g -> {
            g.writeStringField("error", message);
            if (node != null) {
                g.writeStringField("node", node);
            }
        });
    }
}
