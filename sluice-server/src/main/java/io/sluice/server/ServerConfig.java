package io.sluice.server;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.config.ProjectConfig;
import io.sluice.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a {@link SluiceServer} serves: read from {@code conf/<env>/server.yml} (layered over
 * {@code conf/base/server.yml}) with {@link #from(ProjectConfig)}, or built in code from
 * {@link #defaults()} and the {@code with…} methods.
 *
 * <pre>{@code
 * host: 127.0.0.1            # the only address listened on
 * port: 8080                 # 0 picks a free port
 * pipelines: [scoring]       # exposed pipelines; default: every registered one
 * max_body_bytes: 1MiB       # bigger request bodies get 413
 * request_timeout: 5s        # synchronous runs longer than this get 504; 0 = no limit
 * max_concurrent_runs: 64    # more runs at once get 429; 0 = no limit
 * auth:
 *   bearer_token_credentials: api_token   # key in credentials.yml holding the token
 * io_threads: 2              # default: max(2, processors)
 * worker_threads: 16         # default: 8 per IO thread
 * async_results: 1000        # finished async runs kept for GET /runs/{id}
 * shutdown_grace: 30s        # how long sluice serve waits for in-flight runs on SIGTERM
 * journal: false             # write a run journal file per served run
 * run_on: auto               # auto | worker | io_thread: where synchronous runs execute
 * io_thread_budget: 1ms      # auto: in-memory runs averaging at most this stay on IO threads
 * benchmark_hello: false     # GET /hello, a bare endpoint to compare throughput against
 * runners: [parallel4]       # runners.yml entries a request may pick with ?runner=NAME, besides the default
 * injectable: [regressor]    # artifacts (read-once catalog datasets) a request may replace; default: none
 * params: [model.factor]     # parameters (dotted paths, and what is under them) a request may override; default: none
 * access_log: false          # one line per request on the io.sluice.server.access logger
 * warmup:                    # before /ready says ready; warmup: false serves at once
 *   requests: 2000           # warm-up requests per exposed pipeline; 0 = no warm-up
 *   time_limit: 5s           # the whole warm-up stops after this, and the server is ready
 *   seed: 1                  # of the synthetic request values
 *   examples:                # recorded request bodies, used instead of synthetic ones
 *     scoring:
 *       - {inputs: {shuttles: [{id: s1, engines: 2}]}}   # a body inline (or as a JSON string)
 *       - warmup/scoring.json                           # a file: one body, or a JSON array of them
 * }</pre>
 *
 * <h2>Warm-up</h2> A server is ready only after every exposed pipeline has answered
 * {@code warmup.requests} run requests sent over loopback through the real request path (HTTP
 * parsing, JSON binding, the run, the JSON response), so that the JIT has compiled that path
 * before the first client request: until then {@code GET /ready} answers 503
 * {@code {"status":"warming_up"}} and run requests from clients 503 with {@code Retry-After}.
 * Requests are the pipeline's {@code examples} in turn, relative paths read from the project
 * directory, else synthetic bodies generated (seeded) from the declared types of its required
 * inputs ({@code GET /pipelines} shows them). Warm-up runs leave no trace: no journal, no
 * counts in {@code GET /metrics}, no async run; a pipeline whose runs would read or write
 * persisted datasets or call hooks is not warmed up at all (logged with the reason). A run that
 * fails on a synthetic input is counted, not fatal. One line per pipeline is logged with the
 * requests sent, the failed ones and the time taken ({@link SluiceServer#warmUp()}).
 *
 * @param host              the address to listen on; nothing listens elsewhere
 * @param port              the TCP port; 0 picks a free one (see {@link SluiceServer#port()})
 * @param pipelines         the pipelines exposed; empty means every registered pipeline
 * @param maxBodyBytes      the largest request body accepted
 * @param requestTimeout    how long a synchronous run may take; {@link Duration#ZERO} for no limit
 * @param maxConcurrentRuns runs (synchronous and asynchronous) in progress at once; 0 for no limit
 * @param bearerToken       the token clients must send as {@code Authorization: Bearer ...}, or
 *                          {@code null} for no authentication; never printed
 * @param ioThreads         Undertow IO threads; 0 for the default
 * @param workerThreads     threads that run pipelines; 0 for the default
 * @param asyncResults      how many finished asynchronous runs {@code GET /runs/{id}} remembers
 * @param shutdownGrace     how long {@code sluice serve} waits for in-flight runs when stopped
 * @param journal           whether served runs write their journal file
 * @param benchmarkHello    whether {@code GET /hello} exists
 * @param runOn             where synchronous runs execute; see {@link RunOn}
 * @param ioThreadBudget    with {@link RunOn#AUTO}, the average run time up to which a pipeline's
 *                          in-memory runs execute on IO threads
 * @param warmUp            what runs before the server reports ready; {@link WarmUp#OFF} for nothing
 * @param runner            the runner entry of runs whose request names none: {@code sequential} by
 *                          default, the entry a {@code serve} launcher wraps when launched
 * @param runners           the other runner entries a request may name ({@code ?runner=NAME});
 *                          {@code runners:} in server.yml, empty by default
 * @param injectable        the artifacts a request may inject: free inputs the catalog stores outside
 *                          memory (a trained model, a lookup table), read once and shared by every
 *                          run; others are neither request inputs nor in the OpenAPI document
 * @param params            the parameters a request may override, as dotted paths; a path allows
 *                          what is under it too ({@code model} allows {@code model.lr}); empty by
 *                          default: requests override no parameter
 * @param accessLog         whether every request is logged (method, path, status, bytes, time) on
 *                          the {@code io.sluice.server.access} logger
 * @param docs              who may read {@code /docs} and {@code /openapi.json}; see {@link Docs}
 */
public record ServerConfig(String host, int port, List<String> pipelines, long maxBodyBytes, Duration requestTimeout,
                           int maxConcurrentRuns, String bearerToken, int ioThreads, int workerThreads,
                           int asyncResults, Duration shutdownGrace, boolean journal, boolean benchmarkHello,
                           RunOn runOn, Duration ioThreadBudget, WarmUp warmUp, String runner, List<String> runners,
                           List<String> injectable, List<String> params, boolean accessLog, Docs docs) {

    /**
     * {@code docs:} of {@code server.yml}: whether the API's description ({@code GET /openapi.json})
     * and Swagger UI ({@code GET /docs}) are served, and whether they need the bearer token when
     * {@code auth} is set. Without {@code auth}, {@link #PUBLIC} and {@link #PROTECTED} are the same.
     * The run endpoints need the token whatever this says; Swagger UI's "Authorize" button takes it.
     */
    public enum Docs {
        /** Neither is served: both answer 404. */
        OFF,
        /** Both are served to anyone; the document still declares the bearer scheme the runs need. */
        PUBLIC,
        /**
         * The default: the document needs the token, like every other endpoint but the probes;
         * Swagger UI's page and scripts (the same files for every server) are public, and the
         * page asks for the token before it loads the document (kept for the browser tab only).
         */
        PROTECTED;

        /** The name used in {@code server.yml}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The config kind: {@code server*.yml} files. */
    public static final String KIND = "server";

    /**
     * Where a synchronous run executes once its request is read. Asynchronous runs always go to
     * worker threads.
     */
    public enum RunOn {
        /**
         * On the IO thread that read the request when the session says the run does no I/O
         * ({@link Session#runsInMemory}: injected inputs, memory datasets, loaded artifacts, no
         * hooks, no journal) and its pipeline has proved fast: its first in-memory runs execute
         * on worker threads and are timed, and once they average at most half of
         * {@code io_thread_budget} the next ones stay on the IO thread. A pipeline whose runs
         * there average more than the budget, or one of whose runs is still going on an IO thread
         * after 16 budgets, goes back to worker threads until it proves fast again (logged). Every other run executes on a worker thread. Runs on IO threads skip
         * two thread hand-offs (several times the throughput for runs of a few microseconds);
         * {@code request_timeout} does not apply to them. A node that blocks only now and then
         * can still stall an IO thread for that long: choose {@link #WORKER} for such projects.
         */
        AUTO,
        /** Always on a worker thread: a node may block without stalling other connections. */
        WORKER,
        /**
         * Always on the IO thread, whatever the run does: only for pipelines that never block,
         * since a blocked run stalls every connection of that IO thread; no
         * {@code request_timeout}.
         */
        IO_THREAD;

        /** The name used in {@code server.yml}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code warmup:} of {@code server.yml}: the run requests every exposed pipeline answers
     * before the server reports ready (see the class description).
     *
     * @param requests  warm-up requests per exposed pipeline; 0 turns warm-up off
     * @param timeLimit how long the whole warm-up may take; the pipelines still warming up then
     *                  stop where they are, and the server is ready
     * @param seed      the seed of the synthetic request values: the same seed sends the same bodies
     * @param examples  recorded request bodies by pipeline name, sent in turn instead of synthetic ones
     */
    public record WarmUp(int requests, Duration timeLimit, long seed, Map<String, List<Example>> examples) {
        /** 2000 requests per pipeline within 5 seconds, synthetic bodies from seed 1. */
        public static final WarmUp DEFAULT = new WarmUp(2000, Duration.ofSeconds(5), 1, Map.of());
        /** No warm-up: ready as soon as the listener is open. */
        public static final WarmUp OFF = new WarmUp(0, Duration.ofSeconds(5), 1, Map.of());

        public WarmUp {
            if (requests < 0) {
                throw new IllegalArgumentException("warmup.requests must not be negative, got " + requests);
            }
            timeLimit = timeLimit == null ? DEFAULT.timeLimit : timeLimit;
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new IllegalArgumentException("warmup.time_limit must be more than 0, got " + timeLimit);
            }
            Map<String, List<Example>> copy = new LinkedHashMap<>();
            (examples == null ? Map.<String, List<Example>>of() : examples).forEach((k, v) -> copy.put(k, List.copyOf(v)));
            examples = Collections.unmodifiableMap(copy);
        }

        /** Whether anything runs before the server is ready. */
        public boolean enabled() {
            return requests > 0;
        }

        /** This warm-up with {@code n} requests per pipeline. */
        public WarmUp withRequests(int n) {
            return new WarmUp(n, timeLimit, seed, examples);
        }

        /** This warm-up with at most {@code d} in all. */
        public WarmUp withTimeLimit(Duration d) {
            return new WarmUp(requests, d, seed, examples);
        }

        /** This warm-up with {@code bodies} as the recorded examples of {@code pipeline}. */
        public WarmUp withExamples(String pipeline, List<Example> bodies) {
            Map<String, List<Example>> all = new LinkedHashMap<>(examples);
            all.put(pipeline, bodies);
            return new WarmUp(requests, timeLimit, seed, all);
        }

        @Override
        public String toString() {
            return enabled() ? "{requests=" + requests + ", timeLimit=" + timeLimit + ", seed=" + seed + ", examples="
                    + examples.keySet() + "}" : "off";
        }
    }

    /**
     * One recorded warm-up request body: written inline, or in a file.
     *
     * @param json     the body as JSON text, or {@code null} when it is in {@code file}
     * @param file     a file relative to the project directory holding one body (a JSON object) or
     *                 several (a JSON array of objects), or {@code null} when inline
     * @param location where {@code server.yml} gives it, for errors; {@link Location#of} in code
     */
    public record Example(String json, String file, Location location) {
        public Example {
            if ((json == null) == (file == null)) {
                throw new IllegalArgumentException("a warm-up example is either inline JSON or a file");
            }
            location = location == null ? Location.of("code") : location;
        }

        /** An inline body. */
        public static Example json(String body) {
            return new Example(body, null, null);
        }

        /** A file of one body or a JSON array of bodies, relative to the project directory. */
        public static Example file(String path) {
            return new Example(null, path, null);
        }
    }

    private static final Duration DEFAULT_IO_THREAD_BUDGET = Duration.ofMillis(1);
    private static final String WARMUP_EXAMPLE = "Example: warmup: {requests: 2000, time_limit: 5s}, or warmup: false "
            + "to be ready without warming up";
    private static final String RUN_ON_CHOICES = "auto runs in-memory pipelines on the IO thread and the others on"
            + " workers; worker always dispatches; io_thread never does.";
    private static final String AUTH_EXAMPLE = "Example: auth: {bearer_token_credentials: api_token}";
    private static final String DOCS_CHOICES = "off serves neither /docs nor /openapi.json; public serves both to"
            + " anyone; protected (the default) asks for the bearer token of auth: before showing the API's description.";

    /**
     * {@code server.yml} as written, in the order its keys are listed in messages. It differs from
     * the config itself in one place: {@code auth} names a credential, whose token
     * {@link #from(ConfigMap, ConfigMap)} then reads.
     */
    record ServerYml(String host,
                        @ConfigBinder.Range(min = 0, max = 65535) int port,
                        @ConfigBinder.Fix("Example: pipelines: [scoring]") List<String> pipelines,
                        @ConfigBinder.Bytes long maxBodyBytes,
                        Duration requestTimeout,
                        @ConfigBinder.Range(min = 0, max = 1_000_000) int maxConcurrentRuns,
                        @ConfigBinder.Fix(AUTH_EXAMPLE) Auth auth,
                        @ConfigBinder.Range(min = 1, max = 1024) int ioThreads,
                        @ConfigBinder.Range(min = 1, max = 100_000) int workerThreads,
                        @ConfigBinder.Range(min = 0, max = 10_000_000) int asyncResults,
                        Duration shutdownGrace,
                        boolean journal,
                        @ConfigBinder.Fix(RUN_ON_CHOICES) RunOn runOn,
                        Duration ioThreadBudget,
                        boolean benchmarkHello,
                        @ConfigBinder.Fix(WARMUP_EXAMPLE) WarmUpYml warmup,
                        @ConfigBinder.Fix("Example: runners: [parallel4]") List<String> runners,
                        @ConfigBinder.Fix("Example: injectable: [regressor]") List<String> injectable,
                        @ConfigBinder.Fix("Example: params: [model_options.threshold]") List<String> params,
                        boolean accessLog,
                        @ConfigBinder.Fix(DOCS_CHOICES) Docs docs) {
        ServerYml {
            // Kept here too so that an empty host is a config error at the file, not a bare exception.
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
        }

        /** What a file that sets nothing says: {@code c} without a token (auth has no default). */
        static ServerYml of(ServerConfig c) {
            return new ServerYml(c.host, c.port, c.pipelines, c.maxBodyBytes, c.requestTimeout, c.maxConcurrentRuns,
                    null, c.ioThreads, c.workerThreads, c.asyncResults, c.shutdownGrace, c.journal, c.runOn,
                    c.ioThreadBudget, c.benchmarkHello, new WarmUpYml(c.warmUp.requests, c.warmUp.timeLimit,
                            c.warmUp.seed, Map.of()), c.runners, c.injectable, c.params, c.accessLog, c.docs);
        }

        ServerConfig config(String bearerToken, Map<String, List<Example>> examples) {
            return new ServerConfig(host, port, pipelines, maxBodyBytes, requestTimeout, maxConcurrentRuns, bearerToken,
                    ioThreads, workerThreads, asyncResults, shutdownGrace, journal, benchmarkHello, runOn,
                    ioThreadBudget, new WarmUp(warmup.requests, warmup.timeLimit, warmup.seed, examples),
                    io.sluice.run.RunSpec.SEQUENTIAL, runners, injectable, params, accessLog, docs);
        }
    }

    /**
     * {@code warmup:} as bound, after {@link #normalizeWarmUp}: each example a string (inline
     * JSON or a file), whose location {@link #examples} then reads from the tree.
     */
    record WarmUpYml(@ConfigBinder.Range(min = 0, max = 10_000_000) int requests,
                             Duration timeLimit,
                             long seed,
                             @ConfigBinder.Fix("Example: examples: {scoring: [warmup/scoring.json]}")
                             Map<String, List<String>> examples) {
        WarmUpYml {
            if (timeLimit != null && timeLimit.isZero()) {
                throw new IllegalArgumentException("time_limit must be more than 0; set requests: 0 (or warmup: "
                        + "false) to turn warm-up off");
            }
        }
    }

    /** {@code auth:}: the key in {@code credentials.yml} that holds the bearer token. */
    record Auth(String bearerTokenCredentials) {
    }

    private static final ConfigBinder<ServerYml> BINDER = ConfigBinder.of(ServerYml.class, "the server config");

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        pipelines = List.copyOf(pipelines);
        if (maxBodyBytes < 0 || maxConcurrentRuns < 0 || ioThreads < 0 || workerThreads < 0 || asyncResults < 0) {
            throw new IllegalArgumentException("sizes and counts must not be negative");
        }
        requestTimeout = requestTimeout == null ? Duration.ZERO : requestTimeout;
        shutdownGrace = shutdownGrace == null ? Duration.ZERO : shutdownGrace;
        runOn = runOn == null ? RunOn.AUTO : runOn;
        ioThreadBudget = ioThreadBudget == null ? DEFAULT_IO_THREAD_BUDGET : ioThreadBudget;
        warmUp = warmUp == null ? WarmUp.DEFAULT : warmUp;
        runner = runner == null ? io.sluice.run.RunSpec.SEQUENTIAL : runner;
        runners = runners == null ? List.of() : List.copyOf(runners);
        injectable = injectable == null ? List.of() : List.copyOf(injectable);
        params = params == null ? List.of() : List.copyOf(params);
        docs = docs == null ? Docs.PROTECTED : docs;
        if (requestTimeout.isNegative() || shutdownGrace.isNegative() || ioThreadBudget.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * Loopback, port 8080, every pipeline, 1 MiB bodies, 30 s timeout, no run limit, no auth,
     * {@link RunOn#AUTO} with a 1 ms budget, {@link WarmUp#DEFAULT} warm-up, {@link Docs#PROTECTED}.
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, List.of(), 1 << 20, Duration.ofSeconds(30), 0, null, 0, 0,
                1000, Duration.ofSeconds(30), false, false, RunOn.AUTO, DEFAULT_IO_THREAD_BUDGET, WarmUp.DEFAULT,
                io.sluice.run.RunSpec.SEQUENTIAL, List.of(), List.of(), List.of(), false, Docs.PROTECTED);
    }

    /**
     * The {@code server} config of a project, over {@link #defaults()}; the bearer token is read
     * from the credentials.
     *
     * @throws ConfigException naming file:line for an unknown key or a bad value
     */
    public static ServerConfig from(ProjectConfig config) {
        return from(config.get(KIND), config.credentials());
    }

    /**
     * The {@code server} config of a compiled session, with the exposed pipelines checked against
     * the registered ones.
     *
     * @throws ConfigException naming file:line for an unknown key, a bad value, or an exposed
     *                         pipeline the project does not register
     */
    public static ServerConfig of(Session session) {
        return of(session, ConfigMap.empty(Location.of(KIND)));
    }

    /**
     * {@link #of(Session)} with the keys of {@code overlay} in place of server.yml's (a key it sets
     * replaces the file's whole value): what a {@code serve} launcher entry of {@code runners.yml}
     * writes. The overlay's keys and values are those of server.yml, bound the same way, with errors
     * at their own file and line.
     *
     * @throws ConfigException naming file:line for an unknown key, a bad value, an exposed pipeline
     *                         the project does not register, or a runner in {@code runners} that is
     *                         not a runner entry
     */
    public static ServerConfig of(Session session, ConfigMap overlay) {
        ConfigMap server = overlay(session.config().get(KIND), overlay);
        ServerConfig config = from(server, session.config().credentials());
        if (server.get("runners") instanceof ConfigList listed) {
            ServedRunners.check(session, listed);
        }
        if (server.get("pipelines") instanceof ConfigList listed) {
            for (ConfigValue item : listed.items()) {
                Object name = item.unwrap();
                if (!session.pipelineNames().contains(String.valueOf(name))) {
                    throw new ConfigException(item.location(), "pipeline '" + name + "' is not registered by project "
                            + session.project().name(), "Registered pipelines: "
                            + String.join(", ", session.pipelineNames()) + ".");
                }
            }
        }
        List<String> exposed = config.pipelines().isEmpty() ? List.copyOf(session.pipelineNames()) : config.pipelines();
        for (Listed item : listed(server.get("injectable"))) {
            checkInjectable(session, exposed, item);
        }
        for (Listed item : listed(server.get("params"))) {
            checkParam(session, exposed, item);
        }
        if (server.get("warmup") instanceof ConfigMap w && w.get("examples") instanceof ConfigMap examples) {
            for (String name : examples.keys()) {
                if (!session.pipelineNames().contains(name)) {
                    throw new ConfigException(examples.keyLocation(name), "warmup.examples names pipeline '" + name
                            + "', which project " + session.project().name() + " does not register",
                            "Registered pipelines: " + String.join(", ", session.pipelineNames()) + ".");
                }
            }
        }
        return config;
    }

    /** One name of a list in server.yml, and where it is written. */
    private record Listed(String name, Location location) {
    }

    /** The names of a list key (a YAML list, or a comma-separated string), each with its location. */
    private static List<Listed> listed(ConfigValue value) {
        List<Listed> out = new ArrayList<>();
        if (value instanceof ConfigList list) {
            for (ConfigValue item : list.items()) {
                out.add(new Listed(String.valueOf(item.unwrap()).strip(), item.location()));
            }
        } else if (value instanceof ConfigScalar s && s.value() != null) {
            for (String name : s.value().toString().split(",")) {
                if (!name.isBlank()) {
                    out.add(new Listed(name.strip(), s.location()));
                }
            }
        }
        return out;
    }

    /** An injectable dataset must be an artifact of an exposed pipeline (anything else is injectable anyway). */
    private static void checkInjectable(Session session, List<String> exposed, Listed item) {
        java.util.Set<String> artifacts = new java.util.TreeSet<>();
        java.util.Set<String> others = new java.util.TreeSet<>();
        for (String pipeline : exposed) {
            for (var input : session.describe(pipeline).inputs()) {
                (PipelineApi.isArtifact(input) ? artifacts : others).add(input.name());
            }
        }
        if (artifacts.contains(item.name())) {
            return;
        }
        String why = others.contains(item.name())
                ? "which is not an artifact (a free input the catalog stores outside memory): requests may inject "
                        + "it without listing it"
                : "which no exposed pipeline reads as an artifact";
        throw new ConfigException(item.location(), "injectable names '" + item.name() + "', " + why,
                "Artifacts of the exposed pipelines: " + (artifacts.isEmpty() ? "none" : String.join(", ", artifacts))
                        + "." + io.sluice.Suggestions.didYouMean(item.name(), artifacts));
    }

    /** A parameter clients may override must be one an exposed pipeline reads. */
    private static void checkParam(Session session, List<String> exposed, Listed item) {
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (String pipeline : exposed) {
            var description = session.describe(pipeline);
            if (description.readsAllParameters()) {
                return;
            }
            for (var p : description.params()) {
                if (PipelineApi.covers(p.name(), item.name()) || PipelineApi.covers(item.name(), p.name())) {
                    return;
                }
                read.add(p.name());
            }
        }
        throw new ConfigException(item.location(), "params names '" + item.name()
                + "', which no exposed pipeline reads", "Parameters the exposed pipelines read: "
                + (read.isEmpty() ? "none" : String.join(", ", read)) + "."
                + io.sluice.Suggestions.didYouMean(item.name(), read));
    }

    private static ConfigMap overlay(ConfigMap file, ConfigMap over) {
        if (over.keys().isEmpty()) {
            return file;
        }
        Map<String, ConfigValue> entries = new LinkedHashMap<>(file.entries());
        Map<String, Location> keys = new LinkedHashMap<>(file.keyLocations());
        for (String key : over.keys()) {
            entries.put(key, over.get(key));
            keys.put(key, over.keyLocation(key));
        }
        return new ConfigMap(file.location(), entries, keys);
    }

    /** The config in {@code server} (and the token in {@code credentials}), over {@link #defaults()}. */
    public static ServerConfig from(ConfigMap server, ConfigMap credentials) {
        ConfigMap normalized = normalizeWarmUp(server);
        ServerYml file = BINDER.bind(normalized, ServerYml.of(defaults()));
        return file.config(file.auth() == null ? null : token(file.auth(), server, credentials),
                examples(normalized.get("warmup")));
    }

    /**
     * {@code server} with its {@code warmup} in the one shape the binder reads: {@code false} as
     * {@code {requests: 0}}, {@code true} as {@code {}}, and under {@code examples} a list of
     * strings per pipeline, an inline body written as YAML turned into its JSON text (at its
     * location). Anything else is left for the binder to refuse.
     */
    static ConfigMap normalizeWarmUp(ConfigMap server) {
        ConfigValue warmup = server.get("warmup");
        ConfigValue normalized = warmup;
        if (warmup instanceof ConfigScalar s && s.value() != null) {
            Object v = s.value();
            if (Boolean.FALSE.equals(v) || "false".equals(v)) {
                normalized = new ConfigMap(s.location(), Map.of("requests", new ConfigScalar(s.location(), 0)),
                        Map.of("requests", s.location()));
            } else if (Boolean.TRUE.equals(v) || "true".equals(v)) {
                normalized = ConfigMap.empty(s.location());
            }
        } else if (warmup instanceof ConfigMap w && w.get("examples") instanceof ConfigMap examples) {
            Map<String, ConfigValue> byPipeline = new LinkedHashMap<>();
            examples.entries().forEach((pipeline, bodies) -> byPipeline.put(pipeline, exampleList(bodies)));
            Map<String, ConfigValue> entries = new LinkedHashMap<>(w.entries());
            entries.put("examples", new ConfigMap(examples.location(), byPipeline, examples.keyLocations()));
            normalized = new ConfigMap(w.location(), entries, w.keyLocations());
        }
        if (normalized == warmup) {
            return server;
        }
        Map<String, ConfigValue> entries = new LinkedHashMap<>(server.entries());
        entries.put("warmup", normalized);
        return new ConfigMap(server.location(), entries, server.keyLocations());
    }

    /** A pipeline's examples as a list (one body may be written without one), bodies as JSON text. */
    private static ConfigValue exampleList(ConfigValue bodies) {
        if (bodies instanceof ConfigList list) {
            List<ConfigValue> items = new ArrayList<>();
            for (ConfigValue item : list.items()) {
                items.add(item instanceof ConfigMap body ? inlineJson(body) : item);
            }
            return new ConfigList(list.location(), items);
        }
        if (bodies instanceof ConfigMap body) {
            return new ConfigList(body.location(), List.of(inlineJson(body)));
        }
        if (bodies instanceof ConfigScalar s && s.value() instanceof String) {
            return new ConfigList(s.location(), List.of(s));
        }
        return bodies;
    }

    private static ConfigScalar inlineJson(ConfigMap body) {
        try {
            return new ConfigScalar(body.location(), Json.MAPPER.writeValueAsString(body.unwrap()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(body.location(), "this warm-up example cannot be written as JSON: "
                    + e.getOriginalMessage(), "");
        }
    }

    /** The bound examples with where each was written: a string starting with '{' is a body, any other a file. */
    private static Map<String, List<Example>> examples(ConfigValue warmup) {
        if (!(warmup instanceof ConfigMap w) || !(w.get("examples") instanceof ConfigMap examples)) {
            return Map.of();
        }
        Map<String, List<Example>> out = new LinkedHashMap<>();
        examples.entries().forEach((pipeline, bodies) -> {
            List<Example> list = new ArrayList<>();
            for (ConfigValue item : ((ConfigList) bodies).items()) { // the binder checked the shape
                String text = String.valueOf(item.unwrap());
                list.add(text.strip().startsWith("{") ? new Example(text, null, item.location())
                        : new Example(null, text.strip(), item.location()));
            }
            out.put(pipeline, list);
        });
        return out;
    }

    public ServerConfig withHost(String h) {
        return with(b -> b.host = h);
    }

    public ServerConfig withPort(int p) {
        return with(b -> b.port = p);
    }

    public ServerConfig withPipelines(List<String> names) {
        return with(b -> b.pipelines = names);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return with(b -> b.maxBodyBytes = n);
    }

    public ServerConfig withRequestTimeout(Duration d) {
        return with(b -> b.requestTimeout = d);
    }

    public ServerConfig withMaxConcurrentRuns(int n) {
        return with(b -> b.maxConcurrentRuns = n);
    }

    public ServerConfig withBearerToken(String token) {
        return with(b -> b.bearerToken = token);
    }

    public ServerConfig withShutdownGrace(Duration d) {
        return with(b -> b.shutdownGrace = d);
    }

    public ServerConfig withBenchmarkHello(boolean on) {
        return with(b -> b.benchmarkHello = on);
    }

    public ServerConfig withRunOn(RunOn where) {
        return with(b -> b.runOn = where);
    }

    public ServerConfig withIoThreadBudget(Duration d) {
        return with(b -> b.ioThreadBudget = d);
    }

    /** This config with {@code name} as the runner entry of runs whose request names none. */
    public ServerConfig withRunner(String name) {
        return with(b -> b.runner = name);
    }

    /** This config with {@code names} as the other runner entries requests may name ({@code ?runner=NAME}). */
    public ServerConfig withRunners(List<String> names) {
        return with(b -> b.runners = names);
    }

    /** This config with {@code names} as the artifacts a request may inject. */
    public ServerConfig withInjectable(List<String> names) {
        return with(b -> b.injectable = names);
    }

    /** This config with {@code paths} as the parameters a request may override. */
    public ServerConfig withParams(List<String> paths) {
        return with(b -> b.params = paths);
    }

    /** This config with the access log on or off. */
    public ServerConfig withAccessLog(boolean on) {
        return with(b -> b.accessLog = on);
    }

    /** This config with {@code d} deciding who may read {@code /docs} and {@code /openapi.json}. */
    public ServerConfig withDocs(Docs d) {
        return with(b -> b.docs = d);
    }

    /** This config with {@code w} as its warm-up ({@link WarmUp#OFF} for none). */
    public ServerConfig withWarmUp(WarmUp w) {
        return with(b -> b.warmUp = w);
    }

    private ServerConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Everything but the token, which is shown as {@code ***} when set. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", pipelines=" + pipelines + ", maxBodyBytes="
                + maxBodyBytes + ", requestTimeout=" + requestTimeout + ", maxConcurrentRuns=" + maxConcurrentRuns
                + ", bearerToken=" + (bearerToken == null ? "none" : "***") + ", ioThreads=" + ioThreads
                + ", workerThreads=" + workerThreads + ", asyncResults=" + asyncResults + ", shutdownGrace="
                + shutdownGrace + ", journal=" + journal + ", benchmarkHello=" + benchmarkHello + ", runOn="
                + runOn.configName() + ", ioThreadBudget=" + ioThreadBudget + ", warmUp=" + warmUp + ", runner=" + runner
                + ", runners=" + runners + ", injectable=" + injectable + ", params=" + params + ", accessLog="
                + accessLog + ", docs=" + docs.configName() + "]";
    }

    /** The fields of a config being changed: one place that lists them all, besides the record. */
    private static final class Builder {
        String host;
        int port;
        List<String> pipelines;
        long maxBodyBytes;
        Duration requestTimeout;
        int maxConcurrentRuns;
        String bearerToken;
        int ioThreads;
        int workerThreads;
        int asyncResults;
        Duration shutdownGrace;
        boolean journal;
        boolean benchmarkHello;
        RunOn runOn;
        Duration ioThreadBudget;
        WarmUp warmUp;
        String runner;
        List<String> runners;
        List<String> injectable;
        List<String> params;
        boolean accessLog;
        Docs docs;

        Builder(ServerConfig c) {
            host = c.host;
            port = c.port;
            pipelines = c.pipelines;
            maxBodyBytes = c.maxBodyBytes;
            requestTimeout = c.requestTimeout;
            maxConcurrentRuns = c.maxConcurrentRuns;
            bearerToken = c.bearerToken;
            ioThreads = c.ioThreads;
            workerThreads = c.workerThreads;
            asyncResults = c.asyncResults;
            shutdownGrace = c.shutdownGrace;
            journal = c.journal;
            benchmarkHello = c.benchmarkHello;
            runOn = c.runOn;
            ioThreadBudget = c.ioThreadBudget;
            warmUp = c.warmUp;
            runner = c.runner;
            runners = c.runners;
            injectable = c.injectable;
            params = c.params;
            accessLog = c.accessLog;
            docs = c.docs;
        }

        ServerConfig build() {
            return new ServerConfig(host, port, pipelines, maxBodyBytes, requestTimeout, maxConcurrentRuns,
                    bearerToken, ioThreads, workerThreads, asyncResults, shutdownGrace, journal, benchmarkHello,
                    runOn, ioThreadBudget, warmUp, runner, runners, injectable, params, accessLog, docs);
        }
    }

    /** The token under the credential {@code auth} names, which a bound file guarantees is a string. */
    private static String token(Auth auth, ConfigMap server, ConfigMap credentials) {
        String name = auth.bearerTokenCredentials();
        ConfigValue written = ((ConfigMap) server.get("auth")).get("bearer_token_credentials");
        ConfigValue entry = credentials.get(name);
        if (entry instanceof ConfigMap m && m.get("token") != null) {
            entry = m.get("token");
        }
        if (!(entry instanceof ConfigScalar s) || s.value() == null || s.value().toString().isBlank()) {
            throw new ConfigException(written.location(), "bearer_token_credentials names '" + name
                    + "', but credentials have no token under that key",
                    "Add it to conf/local/credentials.yml as " + name + ": <token> (or " + name
                            + ": {token: <token>}).");
        }
        return s.value().toString();
    }
}
