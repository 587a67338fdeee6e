package io.sluice.server;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.ProjectConfig;
import io.sluice.session.Session;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * }</pre>
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
 */
public record ServerConfig(String host, int port, List<String> pipelines, long maxBodyBytes, Duration requestTimeout,
                           int maxConcurrentRuns, String bearerToken, int ioThreads, int workerThreads,
                           int asyncResults, Duration shutdownGrace, boolean journal, boolean benchmarkHello,
                           RunOn runOn, Duration ioThreadBudget) {

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

    private static final Duration DEFAULT_IO_THREAD_BUDGET = Duration.ofMillis(1);
    private static final String RUN_ON_CHOICES = "auto runs in-memory pipelines on the IO thread and the others on"
            + " workers; worker always dispatches; io_thread never does.";
    private static final String AUTH_EXAMPLE = "Example: auth: {bearer_token_credentials: api_token}";

    /**
     * {@code server.yml} as written, in the order its keys are listed in messages. It differs from
     * the config itself in one place: {@code auth} names a credential, whose token
     * {@link #from(ConfigMap, ConfigMap)} then reads.
     */
    private record ServerYml(String host,
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
                        boolean benchmarkHello) {
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
                    c.ioThreadBudget, c.benchmarkHello);
        }

        ServerConfig config(String bearerToken) {
            return new ServerConfig(host, port, pipelines, maxBodyBytes, requestTimeout, maxConcurrentRuns, bearerToken,
                    ioThreads, workerThreads, asyncResults, shutdownGrace, journal, benchmarkHello, runOn,
                    ioThreadBudget);
        }
    }

    /** {@code auth:}: the key in {@code credentials.yml} that holds the bearer token. */
    private record Auth(String bearerTokenCredentials) {
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
        if (requestTimeout.isNegative() || shutdownGrace.isNegative() || ioThreadBudget.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /**
     * Loopback, port 8080, every pipeline, 1 MiB bodies, 30 s timeout, no run limit, no auth,
     * {@link RunOn#AUTO} with a 1 ms budget.
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, List.of(), 1 << 20, Duration.ofSeconds(30), 0, null, 0, 0,
                1000, Duration.ofSeconds(30), false, false, RunOn.AUTO, DEFAULT_IO_THREAD_BUDGET);
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
        ConfigMap server = session.config().get(KIND);
        ServerConfig config = from(server, session.config().credentials());
        if (server.get("pipelines") instanceof ConfigList listed) {
            for (ConfigValue item : listed.items()) {
                Object name = item.unwrap();
                if (!session.pipelines().containsKey(String.valueOf(name))) {
                    throw new ConfigException(item.location(), "pipeline '" + name + "' is not registered by project "
                            + session.project().name(), "Registered pipelines: "
                            + String.join(", ", session.pipelines().keySet()) + ".");
                }
            }
        }
        return config;
    }

    /** The config in {@code server} (and the token in {@code credentials}), over {@link #defaults()}. */
    public static ServerConfig from(ConfigMap server, ConfigMap credentials) {
        ServerYml file = BINDER.bind(server, ServerYml.of(defaults()));
        return file.config(file.auth() == null ? null : token(file.auth(), server, credentials));
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
                + runOn.configName() + ", ioThreadBudget=" + ioThreadBudget + "]";
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
        }

        ServerConfig build() {
            return new ServerConfig(host, port, pipelines, maxBodyBytes, requestTimeout, maxConcurrentRuns,
                    bearerToken, ioThreads, workerThreads, asyncResults, shutdownGrace, journal, benchmarkHello,
                    runOn, ioThreadBudget);
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
