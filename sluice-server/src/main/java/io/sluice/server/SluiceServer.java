package io.sluice.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.server.ServerConfig.RunOn;
import io.sluice.session.Session;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

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
 *   <li>{@code GET /ready}: readiness, 503 while starting, warming up or draining, and while an
 *       engine the exposed pipelines use (engines.yml) does not answer its ping; the 503 names it.</li>
 *   <li>{@code GET /pipelines}, {@code GET /pipelines/{name}}: the exposed pipelines, with JSON
 *       Schemas of their free inputs, parameters and outputs, from the types the session's
 *       {@link Session#describe description} of each pipeline gives.</li>
 *   <li>{@code POST /pipelines/{name}/runs}: runs the pipeline with the body
 *       {@code {"inputs": {...}, "params": {...}, "outputs": [...]}} and answers
 *       {@code {"run_id", "outputs"}}; with {@code ?mode=async} starts it
 *       ({@link Session#start}) and answers 202 {@code {"run_id"}} and
 *       {@code Location: /runs/{id}}; with {@code ?runner=NAME} runs through that entry of
 *       {@code runners.yml} when the config allows it ({@code runners:} of {@link ServerConfig};
 *       400 listing the allowed ones otherwise), else through {@link ServerConfig#runner()}.</li>
 *   <li>{@code GET /runs/{id}}: state of an async run: {@code pending}, {@code running},
 *       {@code succeeded} (with outputs), {@code failed} (with error and node) or
 *       {@code cancelled}.</li>
 *   <li>{@code DELETE /runs/{id}}: cancels an async run (see {@link io.sluice.run.RunHandle#cancel()}:
 *       no further node starts, nodes running are interrupted) and answers 202 with its state;
 *       404 for an unknown run, 409 for one that has already ended.</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.0 document of the above.</li>
 *   <li>{@code GET /docs}: Swagger UI on the OpenAPI document, from the {@code org.webjars:swagger-ui}
 *       jar.</li>
 *   <li>{@code GET /metrics}: the server's Micrometer Prometheus registry ({@link #meterRegistry()}):
 *       run counters per pipeline (by outcome and thread kind), a run latency histogram, where
 *       {@code run_on: auto} placed each pipeline, runs in progress, refused requests by status and
 *       reason, JVM and process meters; Prometheus text format.</li>
 *   <li>{@code GET /hello}: only with {@code benchmark_hello: true}, a bare endpoint for throughput
 *       comparisons.</li>
 * </ul>
 * With a bearer token configured, every endpoint but {@code /health}, {@code /ready},
 * {@code /hello} and Swagger UI's files needs {@code Authorization: Bearer <token>};
 * {@code docs: public} opens {@code /openapi.json} too, {@code docs: off} serves neither it nor
 * {@code /docs} (see {@link ServerConfig.Docs}).
 *
 * <h2>Errors</h2> {@code {"error": message}} with: 400 malformed JSON (with line and column), a
 * key repeated in an object (naming it, with line and column) or a body of the wrong shape; 401
 * missing or wrong token; 404 unknown path, pipeline or run; 405 wrong method (with
 * {@code Allow}); 409 cancelling a run that has ended; 413 body over {@code max_body_bytes}
 * (chunked bodies too); 422 inputs, params or outputs that do not fit the pipeline (the message
 * names the field; a number beyond its {@code double} included); 429 over
 * {@code max_concurrent_runs} (with {@code Retry-After}); 500 a node failed, or an output holds
 * NaN or an infinity, which JSON cannot carry ({@code run_id} and {@code node} added; the message
 * has no stack trace and no absolute path of the server); 503
 * starting or shutting down; 504 the run took longer than {@code request_timeout}. A timed-out run is abandoned, not interrupted: its nodes may keep
 * running (and keep its {@code max_concurrent_runs} slot) until they finish.
 *
 * <h2>Warm-up</h2> Before {@code /ready} reports ready, {@link #start()} sends every exposed
 * pipeline {@code warmup.requests} run requests over loopback, through the same handlers as a
 * client's, so that the first client request finds that path compiled by the JIT (see
 * {@link ServerConfig.WarmUp}; {@code warmup: false} turns it off). Meanwhile {@code /ready}
 * answers 503 {@code {"status":"warming_up"}}, clients' run requests 503 with
 * {@code Retry-After}; warm-up runs write no journal and do not show in {@code /metrics}, and
 * a pipeline whose runs would not stay in memory is not warmed up. {@link #warmUp()} tells how
 * it went.
 *
 * <h2>Threads</h2> Requests are read on Undertow's IO threads without blocking. Where a
 * synchronous run executes is {@code run_on} ({@link RunOn}): by default a run the session
 * reports as in-memory ({@link Session#runsInMemory}) stays on the IO thread once its
 * pipeline's runs have proved to average under {@code io_thread_budget}, and every other run
 * is dispatched to the worker pool ({@code worker_threads}). Async runs execute on the
 * session's run threads. Everything derived from a pipeline (types, readers, schemas, the
 * {@code /pipelines} and OpenAPI documents) is computed once in the constructor.
 *
 * <h2>Parts</h2> This class starts and stops; {@link Routes} maps methods and paths to handlers
 * with Undertow's path templates, {@link BearerAuth} checks the token, {@link RunDispatcher}
 * admits, places and answers runs, {@link AsyncRuns} keeps the handles of async runs,
 * {@link Responses} writes every answer, and {@link WarmUpDriver} sends the warm-up requests
 * ({@link WarmUpRequests}: recorded examples or {@link SyntheticRequests}) over a
 * {@link LoopbackClient}.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final Session session;
    private final ServerConfig config;
    private final Map<String, PipelineApi> apis;
    /** The warm-up requests of each exposed pipeline; empty when warm-up is off. */
    private final Map<PipelineApi, WarmUpRequests> warmUpPlans;
    private volatile List<WarmUpResult> warmUpResults = List.of();
    private final InFlight inFlight = new InFlight();
    private final ServerMetrics metrics = new ServerMetrics(inFlight::active);
    private final RunDispatcher runs;
    private final HttpHandler routes;
    private volatile Phase phase = Phase.NEW;
    private Undertow undertow;
    private volatile int port = -1;

    /**
     * A server for {@code session} configured by {@code config}; nothing listens before
     * {@link #start()}.
     *
     * @throws SluiceException if {@code config} exposes a pipeline the session does not have
     * @throws io.sluice.config.ConfigException for a warm-up example that cannot be read or does
     *                                          not fit its pipeline, at its place in server.yml
     */
    public SluiceServer(Session session, ServerConfig config) {
        this.session = session;
        this.config = config;
        List<String> names = config.pipelines().isEmpty() ? new ArrayList<>(session.pipelineNames())
                : config.pipelines();
        Map<String, PipelineApi> built = new LinkedHashMap<>();
        Map<String, byte[]> described = new LinkedHashMap<>();
        ObjectNode list = Json.object();
        ArrayNode items = list.putArray("pipelines");
        for (String name : names) {
            if (!session.pipelineNames().contains(name)) { // asks for no pipeline it does not serve
                throw new SluiceException("Pipeline '" + name + "' cannot be served: project "
                        + session.project().name() + " does not register it. Registered pipelines: "
                        + String.join(", ", session.pipelineNames()) + ".");
            }
            Pipeline p = session.pipeline(name);
            IoThreadBudget budget = new IoThreadBudget(name, config.ioThreadBudget(), ioThreadCount(config));
            PipelineApi api = new PipelineApi(session.describe(name), p, budget, config.injectable(), config.params(),
                    metrics.pipeline(name, budget));
            built.put(name, api);
            ObjectNode d = api.describe();
            items.add(d);
            described.put(name, Json.bytes(d));
        }
        this.apis = Collections.unmodifiableMap(built);
        Map<PipelineApi, WarmUpRequests> plans = new LinkedHashMap<>();
        if (config.warmUp().enabled()) {
            for (PipelineApi api : built.values()) {
                plans.put(api, WarmUpRequests.of(api, session.describe(api.name), config.warmUp(),
                        session.options().projectDir()));
            }
        }
        this.warmUpPlans = Collections.unmodifiableMap(plans);
        byte[] openApi = Json.pretty(OpenApi.document("Sluice project " + session.project().name(),
                built.values(), config.bearerToken() != null, config));
        AsyncRuns asyncRuns = new AsyncRuns(config.asyncResults());
        this.runs = new RunDispatcher(session, config, this::phase, inFlight, asyncRuns, metrics);
        Map<String, HttpHandler> runHandlers = new LinkedHashMap<>();
        apis.forEach((name, api) -> runHandlers.put(name, runs.handler(api)));
        Refusals refused = metrics.refused;
        HttpHandler routed = Routes.of(new Routes.Endpoints(apis, runHandlers, described, Json.bytes(list), openApi,
                this::phase, metrics, asyncRuns, config.asyncResults(), config.benchmarkHello(), refused,
                new EngineReadiness(session.engines(), enginesOf(session, names)), config.docs()),
                new BearerAuth(config.bearerToken(), refused));
        this.routes = config.accessLog() ? AccessLog.wrap(routed) : routed;
    }

    /** The engines the exposed pipelines use, which {@code /ready} pings. */
    private static java.util.Set<String> enginesOf(Session session, List<String> pipelines) {
        java.util.Set<String> engines = new java.util.TreeSet<>();
        pipelines.forEach(p -> engines.addAll(session.enginesUsedBy(p)));
        return engines;
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

    private Phase phase() {
        return phase;
    }

    /**
     * Opens the listener, warms up the exposed pipelines (unless {@code warmup} is off; this takes
     * up to {@code warmup.time_limit}, during which {@code /ready} answers 503) and starts
     * serving; returns this server, ready.
     */
    public synchronized SluiceServer start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("a SluiceServer starts once; this one is " + phase);
        }
        phase = Phase.STARTING;
        runs.prepareRuns(apis.values());
        Undertow.Builder b = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, 1000)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, config.accessLog())
                .setHandler(routes);
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
            phase = Phase.STOPPED;
            throw new SluiceException("Cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause() : e) + ". Choose another host or port in server.yml "
                    + "(or --host/--port).", e);
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        if (!warmUpPlans.isEmpty()) {
            phase = Phase.WARMING_UP;
            LOG.info("Warming up pipelines {} on {} before reporting ready (warmup in server.yml: {} requests each, "
                    + "at most {} in all)", apis.keySet(), url(), config.warmUp().requests(),
                    config.warmUp().timeLimit());
            warmUpResults = new WarmUpDriver(session, config, runs.warmUpToken()).run(warmUpPlans, port);
        }
        phase = Phase.READY;
        LOG.info("Serving pipelines {} on {}", apis.keySet(), url());
        return this;
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

    /**
     * How the warm-up of each exposed pipeline went, in the order they were warmed up; empty
     * before {@link #start()} and when warm-up is off.
     */
    public List<WarmUpResult> warmUp() {
        return warmUpResults;
    }

    /**
     * The Micrometer registry {@code GET /metrics} shows (Prometheus): an application embedding the
     * server may add meters of its own to it.
     */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** The names of the exposed pipelines. */
    public List<String> pipelines() {
        return List.copyOf(apis.keySet());
    }

    /**
     * Stops gracefully: from now on new runs get 503 and {@code /ready} reports draining; runs in
     * progress, synchronous and asynchronous, get up to {@code grace} to finish (and send their
     * response); then the listener closes. Async runs still going then go on until the session
     * is closed, which cancels them. Idempotent.
     *
     * @return true if every run in progress finished within {@code grace}
     */
    public boolean stop(Duration grace) {
        synchronized (this) {
            if (phase == Phase.STOPPED || phase == Phase.NEW || undertow == null) {
                phase = Phase.STOPPED;
                metrics.close();
                return true;
            }
            phase = Phase.DRAINING;
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
            phase = Phase.STOPPED;
            metrics.close();
        }
        LOG.info("Stopped serving on {}", url());
        return drained;
    }

    /** {@link #stop(Duration)} with the configured {@code shutdown_grace}. */
    @Override
    public void close() {
        stop(config.shutdownGrace());
    }
}
