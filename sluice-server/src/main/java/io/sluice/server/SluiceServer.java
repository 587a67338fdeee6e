package io.sluice.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.server.ServerConfig.RunOn;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.io.IoCallback;
import io.undertow.io.Receiver;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.XnioExecutor;

/**
 * HTTP serving of a compiled {@link Session} on Undertow: {@code sluice serve}, or embedded in an
 * application's own {@code main}:
 *
 * <pre>{@code
 * Session session = Session.compile(new MyProject(), SessionOptions.of(projectDir));
 * SluiceServer server = SluiceServer.create(session).start();   // conf/<env>/server.yml
 * ...
 * server.stop(Duration.ofSeconds(30));
 * }</pre>
 *
 * <h2>Endpoints</h2> (JSON everywhere)
 * <ul>
 *   <li>{@code GET /health}: liveness, always 200 while the process serves.</li>
 *   <li>{@code GET /ready}: readiness, 503 while starting or draining.</li>
 *   <li>{@code GET /pipelines}, {@code GET /pipelines/{name}}: the exposed pipelines, with JSON
 *       Schemas of their free inputs, parameters and outputs derived from the node types.</li>
 *   <li>{@code POST /pipelines/{name}/runs}: runs the pipeline with the body
 *       {@code {"inputs": {...}, "params": {...}, "outputs": [...]}} and answers
 *       {@code {"run_id", "outputs"}}; with {@code ?mode=async} answers 202 {@code {"run_id"}}
 *       and {@code Location: /runs/{id}}.</li>
 *   <li>{@code GET /runs/{id}}: state of an async run: running, succeeded (with outputs) or
 *       failed (with error and node).</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.0 document of the above.</li>
 *   <li>{@code GET /metrics}: run counters per pipeline (by outcome and thread kind), time spent
 *       in runs, where {@code run_on: auto} placed each pipeline, runs in progress; Prometheus
 *       text format.</li>
 *   <li>{@code GET /hello}: only with {@code benchmark_hello: true}, a bare endpoint for throughput
 *       comparisons.</li>
 * </ul>
 * With a bearer token configured, every endpoint but {@code /health}, {@code /ready} and
 * {@code /hello} needs {@code Authorization: Bearer <token>}.
 *
 * <h2>Errors</h2> {@code {"error": message}} with: 400 malformed JSON (with line and column) or
 * a body of the wrong shape; 401 missing or wrong token; 404 unknown path, pipeline or run;
 * 405 wrong method; 413 body over {@code max_body_bytes}; 422 inputs, params or outputs that do
 * not fit the pipeline (the message names the field); 429 over {@code max_concurrent_runs}
 * (with {@code Retry-After}); 500 a node failed ({@code run_id} and {@code node} added, never a
 * stack trace); 503 starting or shutting down; 504 the run took longer than
 * {@code request_timeout}. A timed-out run is abandoned, not interrupted: its nodes may keep
 * running (and keep its {@code max_concurrent_runs} slot) until they finish.
 *
 * <h2>Threads</h2> Requests are read on Undertow's IO threads without blocking. Where a
 * synchronous run executes is {@code run_on} ({@link RunOn}): by default a run the session
 * reports as in-memory ({@link Session#runsInMemory}) stays on the IO thread once its
 * pipeline's runs have proved to average under {@code io_thread_budget}, and every other run
 * is dispatched to the worker pool ({@code worker_threads}). Everything derived from a pipeline
 * (types, readers, schemas, the {@code /pipelines} and OpenAPI documents) is computed once in
 * the constructor.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final byte[] HEALTH = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STARTING = "{\"status\":\"starting\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DRAINING = "{\"status\":\"draining\"}".getBytes(StandardCharsets.UTF_8);
    private static final String PIPELINES_PREFIX = "/pipelines/";
    private static final String RUNS_SUFFIX = "/runs";
    private static final String RUNS_PREFIX = "/runs/";
    /** Bodies up to this size are bound on the IO thread when runs may execute there. */
    private static final int INLINE_BODY_LIMIT = 64 * 1024;

    private enum State { NEW, STARTING, READY, DRAINING, STOPPED }

    private final Session session;
    private final ServerConfig config;
    private final Map<String, PipelineApi> apis;
    private final Map<String, byte[]> descriptions;
    private final byte[] pipelinesJson;
    private final byte[] openApiJson;
    private final byte[] tokenHash;
    private final Semaphore permits;
    private final InFlight inFlight = new InFlight();
    private final AsyncRuns asyncRuns;
    private volatile State state = State.NEW;
    private Undertow undertow;
    private volatile int port = -1;

    /**
     * A server for {@code session} configured by {@code config}; nothing listens before
     * {@link #start()}.
     *
     * @throws SluiceException if {@code config} exposes a pipeline the session does not have
     */
    public SluiceServer(Session session, ServerConfig config) {
        this.session = session;
        this.config = config;
        List<String> names = config.pipelines().isEmpty() ? new ArrayList<>(session.pipelines().keySet())
                : config.pipelines();
        Map<String, PipelineApi> built = new LinkedHashMap<>();
        Map<String, byte[]> described = new LinkedHashMap<>();
        ObjectNode list = Json.object();
        ArrayNode items = list.putArray("pipelines");
        for (String name : names) {
            Pipeline p = session.pipelines().get(name);
            if (p == null) {
                throw new SluiceException("Pipeline '" + name + "' cannot be served: project "
                        + session.project().name() + " does not register it. Registered pipelines: "
                        + String.join(", ", session.pipelines().keySet()) + ".");
            }
            PipelineApi api = new PipelineApi(session.describe(name), p,
                    new IoThreadBudget(name, config.ioThreadBudget(), ioThreadCount(config)));
            built.put(name, api);
            ObjectNode d = api.describe();
            items.add(d);
            described.put(name, Json.bytes(d));
        }
        this.apis = Collections.unmodifiableMap(built);
        this.descriptions = described;
        this.pipelinesJson = Json.bytes(list);
        this.openApiJson = Json.pretty(OpenApi.document("Sluice project " + session.project().name(),
                built.values(), config.bearerToken() != null));
        this.tokenHash = config.bearerToken() == null ? null : sha256(config.bearerToken());
        this.permits = config.maxConcurrentRuns() > 0 ? new Semaphore(config.maxConcurrentRuns()) : null;
        this.asyncRuns = new AsyncRuns(config.asyncResults());
    }

    /**
     * A server for {@code session} configured by its {@code server} config
     * ({@code conf/<env>/server.yml}).
     *
     * @throws io.sluice.config.ConfigException for a bad key or value, or an exposed pipeline that is not registered,
     *                         naming the file and line
     */
    public static SluiceServer create(Session session) {
        return new SluiceServer(session, ServerConfig.of(session));
    }

    /** The IO threads Undertow starts: the configured number, else its default. */
    private static int ioThreadCount(ServerConfig config) {
        return config.ioThreads() > 0 ? config.ioThreads() : Math.max(Runtime.getRuntime().availableProcessors(), 2);
    }

    /** Opens the listener and starts serving; returns this server. */
    public synchronized SluiceServer start() {
        if (state != State.NEW) {
            throw new IllegalStateException("a SluiceServer starts once; this one is " + state);
        }
        state = State.STARTING;
        prepareRuns();
        Undertow.Builder b = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, 1000)
                .setHandler(this::handle);
        if (config.ioThreads() > 0) {
            b.setIoThreads(config.ioThreads());
        }
        if (config.workerThreads() > 0) {
            b.setWorkerThreads(config.workerThreads());
        }
        undertow = b.build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            state = State.STOPPED;
            throw new SluiceException("Cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause() : e) + ". Choose another host or port in server.yml "
                    + "(or --host/--port).", e);
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        state = State.READY;
        LOG.info("Serving pipelines {} on {}", apis.keySet(), url());
        return this;
    }

    /**
     * Compiles the plan of each exposed pipeline's usual request (its required inputs, default
     * outputs) before listening, which reads its artifacts (a model) now rather than in the first
     * request. A pipeline that cannot be prepared is logged, not fatal: its requests say why.
     */
    private void prepareRuns() {
        for (PipelineApi api : apis.values()) {
            RunSpec usual = RunSpec.builder(api.name).journal(config.journal()).build();
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

    /** The port listened on (the chosen one when configured as 0); -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** {@code http://host:port}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port;
    }

    /** The configuration served with. */
    public ServerConfig config() {
        return config;
    }

    /** The names of the exposed pipelines. */
    public List<String> pipelines() {
        return List.copyOf(apis.keySet());
    }

    /**
     * Stops gracefully: from now on new runs get 503 and {@code /ready} reports draining; runs in
     * progress get up to {@code grace} to finish and send their response; then the listener
     * closes. Idempotent.
     *
     * @return true if every run in progress finished within {@code grace}
     */
    public boolean stop(Duration grace) {
        synchronized (this) {
            if (state == State.STOPPED || state == State.NEW || undertow == null) {
                state = State.STOPPED;
                return true;
            }
            state = State.DRAINING;
        }
        boolean drained;
        try {
            drained = inFlight.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.warn("Stopping with {} run(s) still in progress after the {} grace period", inFlight.active(), grace);
        }
        synchronized (this) {
            undertow.stop();
            state = State.STOPPED;
        }
        LOG.info("Stopped serving on {}", url());
        return drained;
    }

    /** {@link #stop(Duration)} with the configured {@code shutdown_grace}. */
    @Override
    public void close() {
        stop(config.shutdownGrace());
    }

    // ---------------------------------------------------------------- routing (IO thread)

    private void handle(HttpServerExchange ex) {
        String path = ex.getRelativePath();
        HttpString method = ex.getRequestMethod();
        switch (path) {
            case "/health" -> {
                if (allowed(ex, method, Methods.GET)) {
                    send(ex, 200, HEALTH);
                }
                return;
            }
            case "/ready" -> {
                if (allowed(ex, method, Methods.GET)) {
                    State s = state;
                    send(ex, s == State.READY ? 200 : 503, s == State.READY ? READY
                            : s == State.STARTING ? STARTING : DRAINING);
                }
                return;
            }
            case "/hello" -> {
                if (config.benchmarkHello()) {
                    if (allowed(ex, method, Methods.GET)) {
                        send(ex, 200, HELLO);
                    }
                    return;
                }
            }
            default -> {
            }
        }
        if (!authorized(ex)) {
            return;
        }
        if (path.equals("/pipelines")) {
            if (allowed(ex, method, Methods.GET)) {
                send(ex, 200, pipelinesJson);
            }
        } else if (path.equals("/metrics")) {
            if (allowed(ex, method, Methods.GET)) {
                send(ex, 200, PROMETHEUS, RunMetrics.exposition(apis, inFlight.active()).getBytes(StandardCharsets.UTF_8),
                        null);
            }
        } else if (path.equals("/openapi.json")) {
            if (allowed(ex, method, Methods.GET)) {
                send(ex, 200, openApiJson);
            }
        } else if (path.startsWith(PIPELINES_PREFIX) && path.endsWith(RUNS_SUFFIX)
                && path.length() > PIPELINES_PREFIX.length() + RUNS_SUFFIX.length()) {
            String name = path.substring(PIPELINES_PREFIX.length(), path.length() - RUNS_SUFFIX.length());
            if (allowed(ex, method, Methods.POST)) {
                PipelineApi api = apis.get(name);
                if (api == null) {
                    error(ex, 404, "pipeline '" + name + "' is not served; served pipelines: " + apis.keySet());
                } else {
                    run(ex, api);
                }
            }
        } else if (path.startsWith(PIPELINES_PREFIX) && path.indexOf('/', PIPELINES_PREFIX.length()) < 0) {
            if (allowed(ex, method, Methods.GET)) {
                String name = path.substring(PIPELINES_PREFIX.length());
                byte[] d = descriptions.get(name);
                if (d == null) {
                    error(ex, 404, "pipeline '" + name + "' is not served; served pipelines: " + apis.keySet());
                } else {
                    send(ex, 200, d);
                }
            }
        } else if (path.startsWith(RUNS_PREFIX) && path.length() > RUNS_PREFIX.length()) {
            if (allowed(ex, method, Methods.GET)) {
                String id = path.substring(RUNS_PREFIX.length());
                byte[] status = asyncRuns.get(id);
                if (status == null) {
                    error(ex, 404, "no async run '" + id + "' (unknown, or older than the last "
                            + config.asyncResults() + " finished runs)");
                } else {
                    send(ex, 200, status);
                }
            }
        } else {
            error(ex, 404, "no endpoint " + path + "; endpoints: /health, /ready, /pipelines, "
                    + "/pipelines/{name}/runs, /runs/{id}, /openapi.json, /metrics");
        }
    }

    private static boolean allowed(HttpServerExchange ex, HttpString method, HttpString expected) {
        if (expected.equals(method)) {
            return true;
        }
        ex.getResponseHeaders().put(Headers.ALLOW, expected.toString());
        error(ex, 405, method + " is not allowed on " + ex.getRelativePath() + "; use " + expected);
        return false;
    }

    private boolean authorized(HttpServerExchange ex) {
        if (tokenHash == null) {
            return true;
        }
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"");
            error(ex, 401, "missing bearer token: send the header 'Authorization: Bearer <token>'");
            return false;
        }
        // Hashing first makes the comparison independent of the token's length too.
        if (!MessageDigest.isEqual(tokenHash, sha256(header.substring(7).trim()))) {
            ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"sluice\", error=\"invalid_token\"");
            error(ex, 401, "invalid bearer token");
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- runs

    private void run(HttpServerExchange ex, PipelineApi api) {
        boolean async;
        Deque<String> modes = ex.getQueryParameters().get("mode");
        String mode = modes == null || modes.isEmpty() ? "sync" : modes.getFirst();
        switch (mode) {
            case "sync" -> async = false;
            case "async" -> async = true;
            default -> {
                error(ex, 400, "mode: expected \"sync\" or \"async\", got \"" + mode + "\"");
                return;
            }
        }
        if (state != State.READY || !inFlight.enter()) {
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            error(ex, 503, state == State.STARTING ? "the server is starting; retry shortly"
                    : "the server is shutting down; send the run to another instance");
            return;
        }
        if (permits != null && !permits.tryAcquire()) {
            inFlight.exit();
            ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            error(ex, 429, "too many concurrent runs: the limit is " + config.maxConcurrentRuns()
                    + " (max_concurrent_runs); retry later");
            return;
        }
        long length = ex.getRequestContentLength();
        if (length > config.maxBodyBytes()) {
            release();
            inFlight.exit();
            tooLarge(ex, length);
            return;
        }
        Receiver.ErrorCallback failed = (e, failure) -> {
            release();
            inFlight.exit();
            e.setPersistent(false);
            error(e, 400, "could not read the request body: " + failure.getMessage());
        };
        if (length >= 0) {
            ex.getRequestReceiver().receiveFullBytes((e, body) -> proceed(e, api, body, async), failed);
        } else {
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
                        tooLarge(e, -1);
                        return;
                    }
                    if (size + chunk.length > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + chunk.length));
                    }
                    System.arraycopy(chunk, 0, buf, size, chunk.length);
                    size += chunk.length;
                    if (last) {
                        byte[] body = Arrays.copyOf(buf, size);
                        proceed(e, api, body, async);
                    }
                }
            }, failed);
        }
    }

    /**
     * On the IO thread, the body read: decides where the run executes ({@link ServerConfig.RunOn}).
     * A body bigger than {@value #INLINE_BODY_LIMIT} bytes is bound on a worker thread, not here.
     */
    private void proceed(HttpServerExchange ex, PipelineApi api, byte[] body, boolean async) {
        RunOn runOn = config.runOn();
        IoThreadBudget budget = api.ioThreadBudget;
        if (async || runOn == RunOn.WORKER || runOn == RunOn.AUTO && body.length > INLINE_BODY_LIMIT) {
            ex.dispatch(() -> execute(ex, api, body, async));
            return;
        }
        Prepared prepared = prepare(ex, api, body);
        if (prepared == null) {
            return;
        }
        if (runOn == RunOn.IO_THREAD) {
            respond(ex, api, prepared, null);
        } else if (!session.runsInMemory(prepared.spec, prepared.injected)) { // false for a request that cannot run: its run says why
            ex.dispatch(() -> respond(ex, api, prepared, null));
        } else if (budget.onIoThread(System.nanoTime())) {
            respond(ex, api, prepared, budget);
        } else {
            ex.dispatch(() -> respond(ex, api, prepared, budget));
        }
    }

    private void tooLarge(HttpServerExchange ex, long length) {
        ex.setPersistent(false); // the rest of the body is not read
        error(ex, 413, "request body " + (length >= 0 ? "is " + length + " bytes" : "is too large") + "; the limit is "
                + config.maxBodyBytes() + " bytes (max_body_bytes)");
    }

    private void release() {
        if (permits != null) {
            permits.release();
        }
    }

    /** A request bound to a run. */
    private record Prepared(String runId, RunSpec spec, Injected injected) {
    }

    /**
     * Binds the body to a run request; on a bad request answers it, exits {@link #inFlight} and
     * returns null.
     */
    private Prepared prepare(HttpServerExchange ex, PipelineApi api, byte[] body) {
        try {
            PipelineApi.Parsed parsed = api.parse(body);
            String runId = session.newRunId();
            return new Prepared(runId, spec(api, parsed, runId), Injected.inputs(parsed.inputs()));
        } catch (HttpError e) {
            release();
            send(ex, e.status, Json.error(e.getMessage(), null, null), inFlight::exit);
        } catch (RuntimeException e) {
            release();
            LOG.error("Cannot prepare a run of pipeline '{}'", api.name, e);
            send(ex, 500, Json.error("internal error: " + e, null, null), inFlight::exit);
        }
        return null;
    }

    /** On a worker thread: binds the request, runs it, answers. Exits {@link #inFlight} exactly once. */
    private void execute(HttpServerExchange ex, PipelineApi api, byte[] body, boolean async) {
        Prepared prepared = prepare(ex, api, body);
        if (prepared == null) {
            return;
        }
        if (!async) {
            respond(ex, api, prepared, null);
            return;
        }
        String runId = prepared.runId;
        asyncRuns.started(runId, api.name);
        ex.getResponseHeaders().put(Headers.LOCATION, RUNS_PREFIX + runId);
        send(ex, 202, runIdJson(runId));
        // The 202 is on its way; this worker thread now carries the run.
        try {
            Outcome o = runNow(ex, api, prepared, null);
            asyncRuns.finished(runId, AsyncRuns.status(runId, api.name, o.status < 300 ? "succeeded" : "failed",
                    o.asyncBody));
        } finally {
            inFlight.exit();
        }
    }

    /**
     * Runs a synchronous request and answers it, with the {@code request_timeout} timer when on a
     * worker thread. Exits {@link #inFlight} exactly once.
     *
     * @param budget where the run time of an in-memory run is recorded ({@code run_on: auto}), or null
     */
    private void respond(HttpServerExchange ex, PipelineApi api, Prepared prepared, IoThreadBudget budget) {
        String runId = prepared.runId;
        AtomicBoolean responded = new AtomicBoolean();
        XnioExecutor.Key timer = null;
        Duration timeout = config.requestTimeout();
        if (!timeout.isZero() && !ex.isInIoThread()) {
            timer = ex.getIoThread().executeAfter(() -> {
                if (responded.compareAndSet(false, true)) {
                    LOG.warn("Run {} of pipeline '{}' exceeded request_timeout ({}); abandoned, it keeps running",
                            runId, api.name, timeout);
                    send(ex, 504, Json.error("run " + runId + " of pipeline '" + api.name + "' did not finish within "
                            + human(timeout) + " (request_timeout); it was abandoned and its nodes may still be "
                            + "running", runId, null));
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        Outcome o = runNow(ex, api, prepared, budget);
        if (responded.compareAndSet(false, true)) {
            if (timer != null) {
                timer.remove();
            }
            send(ex, o.status, o.syncBody, inFlight::exit);
        } else {
            inFlight.exit();
        }
    }

    private RunSpec spec(PipelineApi api, PipelineApi.Parsed parsed, String runId) {
        // one canonical construction instead of a builder, which copies the maps once more
        return new RunSpec(api.name, PipelineFilter.NONE, false, null, RunSpec.SEQUENTIAL, 0, runId,
                parsed.params(), Map.of(), new LinkedHashSet<>(parsed.outputs()), null, config.journal());
    }

    /** What a finished run answers: the synchronous response, and the fields of its async status. */
    private record Outcome(int status, byte[] syncBody, AsyncRuns.Body asyncBody) {
    }

    /**
     * Runs and turns every outcome into a response; releases the run's concurrency permit and
     * counts the run in the pipeline's metrics and, when given, its IO-thread budget.
     */
    private Outcome runNow(HttpServerExchange ex, PipelineApi api, Prepared prepared, IoThreadBudget budget) {
        boolean onIoThread = ex.isInIoThread();
        int ioThread = onIoThread ? ex.getIoThread().getNumber() : -1;
        long start = System.nanoTime();
        boolean watched = budget != null && onIoThread && budget.startedOnIoThread(ioThread, start);
        Outcome o;
        try {
            o = outcome(api, prepared);
        } finally {
            if (watched) {
                budget.finishedOnIoThread(ioThread);
            }
        }
        long took = System.nanoTime() - start;
        if (budget != null) {
            budget.record(took);
        }
        api.metrics.record(o.status, onIoThread, took);
        return o;
    }

    private Outcome outcome(PipelineApi api, Prepared prepared) {
        String runId = prepared.runId;
        try {
            RunResult result = session.run(prepared.spec, prepared.injected);
            Map<String, Object> outputs = result.outputs();
            return new Outcome(200, RunResponses.body(result.runId(), outputs),
                    g -> PipelineApi.writeOutputs(g, outputs));
        } catch (RunFailedException e) {
            LOG.warn("Run {} of pipeline '{}' failed at node '{}'", runId, api.name, e.failedNode(), e);
            return failure(500, e.getMessage(), runId, e.failedNode());
        } catch (PipelineApi.OutputNotJsonException e) {
            LOG.warn("Run {} of pipeline '{}': {}", runId, api.name, e.getMessage(), e);
            return failure(500, e.getMessage(), runId, null);
        } catch (SluiceException e) {
            // Refused before any node ran: the request does not fit the pipeline.
            return failure(422, e.getMessage(), runId, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            LOG.error("Run {} of pipeline '{}' failed unexpectedly", runId, api.name, e);
            return failure(500, "internal error in run " + runId + ": " + e, runId, null);
        } finally {
            release();
        }
    }

    private static Outcome failure(int status, String message, String runId, String node) {
        return new Outcome(status, Json.error(message, runId, node), g -> {
            g.writeStringField("error", message);
            if (node != null) {
                g.writeStringField("node", node);
            }
        });
    }

    private static byte[] runIdJson(String runId) {
        return ("{\"run_id\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    // ---------------------------------------------------------------- responses

    private static void error(HttpServerExchange ex, int status, String message) {
        send(ex, status, Json.error(message, null, null));
    }

    private static void send(HttpServerExchange ex, int status, byte[] body) {
        send(ex, status, body, null);
    }

    private static void send(HttpServerExchange ex, int status, byte[] body, Runnable done) {
        send(ex, status, JSON, body, done);
    }

    private static void send(HttpServerExchange ex, int status, String contentType, byte[] body, Runnable done) {
        ex.setStatusCode(status);
        HeaderMap h = ex.getResponseHeaders();
        h.put(Headers.CONTENT_TYPE, contentType);
        h.put(Headers.CONTENT_LENGTH, body.length);
        ex.getResponseSender().send(ByteBuffer.wrap(body), done == null ? IoCallback.END_EXCHANGE : new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange exchange, Sender sender) {
                try {
                    IoCallback.END_EXCHANGE.onComplete(exchange, sender);
                } finally {
                    done.run();
                }
            }

            @Override
            public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
                try {
                    IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
                } finally {
                    done.run();
                }
            }
        });
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
