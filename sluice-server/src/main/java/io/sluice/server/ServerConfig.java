package io.sluice.server;

import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.config.ProjectConfig;
import io.sluice.session.Session;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final List<String> KEYS = List.of("host", "port", "pipelines", "max_body_bytes",
            "request_timeout", "max_concurrent_runs", "auth", "io_threads", "worker_threads", "async_results",
            "shutdown_grace", "journal", "run_on", "io_thread_budget", "benchmark_hello");
    private static final Duration DEFAULT_IO_THREAD_BUDGET = Duration.ofMillis(1);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

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
        Builder b = new Builder(defaults());
        for (String key : server.keys()) {
            ConfigValue v = server.get(key);
            Location at = server.keyLocation(key);
            switch (key) {
                case "host" -> b.host = string(v, key);
                case "port" -> b.port = (int) integer(v, key, 0, 65535);
                case "pipelines" -> b.pipelines = strings(v, key);
                case "max_body_bytes" -> b.maxBodyBytes = size(v, key);
                case "request_timeout" -> b.requestTimeout = duration(v, key);
                case "max_concurrent_runs" -> b.maxConcurrentRuns = (int) integer(v, key, 0, 1_000_000);
                case "auth" -> b.bearerToken = token(v, credentials);
                case "io_threads" -> b.ioThreads = (int) integer(v, key, 1, 1024);
                case "worker_threads" -> b.workerThreads = (int) integer(v, key, 1, 100_000);
                case "async_results" -> b.asyncResults = (int) integer(v, key, 0, 10_000_000);
                case "shutdown_grace" -> b.shutdownGrace = duration(v, key);
                case "journal" -> b.journal = bool(v, key);
                case "benchmark_hello" -> b.benchmarkHello = bool(v, key);
                case "run_on" -> b.runOn = runOn(v, key);
                case "io_thread_budget" -> b.ioThreadBudget = duration(v, key);
                default -> throw new ConfigException(at, "unknown key '" + key + "' in the server config",
                        "Known keys: " + String.join(", ", KEYS) + ".");
            }
        }
        return b.build();
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

    // ---------------------------------------------------------------- parsing

    private static Object scalar(ConfigValue v, String key, String expected) {
        if (v instanceof ConfigScalar s && s.value() != null) {
            return s.value();
        }
        throw new ConfigException(v.location(), key + " must be " + expected + ", got "
                + (v instanceof ConfigScalar ? "null" : v instanceof ConfigList ? "a list" : "a mapping"), "");
    }

    private static String string(ConfigValue v, String key) {
        return String.valueOf(scalar(v, key, "a string"));
    }

    private static long integer(ConfigValue v, String key, long min, long max) {
        Object o = scalar(v, key, "an integer");
        long n;
        try {
            n = o instanceof Number num && !(o instanceof Double) ? num.longValue() : Long.parseLong(o.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(v.location(), key + " must be an integer from " + min + " to " + max
                    + ", got '" + o + "'", "");
        }
        if (n < min || n > max) {
            throw new ConfigException(v.location(), key + " must be an integer from " + min + " to " + max
                    + ", got " + n, "");
        }
        return n;
    }

    private static RunOn runOn(ConfigValue v, String key) {
        String s = string(v, key).trim();
        for (RunOn r : RunOn.values()) {
            if (r.configName().equals(s)) {
                return r;
            }
        }
        throw new ConfigException(v.location(), key + " must be auto, worker or io_thread, got '" + s + "'",
                "auto runs in-memory pipelines on the IO thread and the others on workers; worker always "
                        + "dispatches; io_thread never does.");
    }

    private static boolean bool(ConfigValue v, String key) {
        Object o = scalar(v, key, "true or false");
        if (o instanceof Boolean b) {
            return b;
        }
        String s = o.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(v.location(), key + " must be true or false, got '" + o + "'", "");
    }

    private static List<String> strings(ConfigValue v, String key) {
        if (v instanceof ConfigList l) {
            List<String> out = new ArrayList<>();
            for (ConfigValue item : l.items()) {
                out.add(string(item, key + " item"));
            }
            return out;
        }
        if (v instanceof ConfigScalar s && s.value() instanceof String str) {
            List<String> out = new ArrayList<>();
            for (String part : str.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        throw new ConfigException(v.location(), key + " must be a list of pipeline names", "Example: pipelines: [scoring]");
    }

    private static long size(ConfigValue v, String key) {
        Object o = scalar(v, key, "a size");
        if (o instanceof Number n && !(o instanceof Double)) {
            if (n.longValue() < 0) {
                throw new ConfigException(v.location(), key + " must not be negative, got " + n, "");
            }
            return n.longValue();
        }
        Matcher m = SIZE.matcher(o.toString().trim());
        if (!m.matches()) {
            throw new ConfigException(v.location(), key + " must be a size such as 1048576, 512KiB or 1MiB, got '"
                    + o + "'", "");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return n * switch (unit) {
            case "KB" -> 1000L;
            case "KiB" -> 1024L;
            case "MB" -> 1000_000L;
            case "MiB" -> 1L << 20;
            case "GB" -> 1000_000_000L;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
    }

    private static Duration duration(ConfigValue v, String key) {
        Object o = scalar(v, key, "a duration");
        if (o instanceof Number n && !(o instanceof Double)) {
            return Duration.ofSeconds(n.longValue());
        }
        String s = o.toString().trim();
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConfigException(v.location(), key + " must be a duration such as 500ms, 5s, 2m or PT5S, got '"
                    + o + "'", "");
        }
    }

    private static String token(ConfigValue v, ConfigMap credentials) {
        if (!(v instanceof ConfigMap auth)) {
            throw new ConfigException(v.location(), "auth must be a mapping",
                    "Example: auth: {bearer_token_credentials: api_token}");
        }
        String token = null;
        for (String key : auth.keys()) {
            ConfigValue value = auth.get(key);
            if (!key.equals("bearer_token_credentials")) {
                throw new ConfigException(auth.keyLocation(key), "unknown key '" + key + "' in auth",
                        "Known keys: bearer_token_credentials.");
            }
            String name = string(value, key);
            ConfigValue entry = credentials.get(name);
            if (entry instanceof ConfigMap m && m.get("token") != null) {
                entry = m.get("token");
            }
            if (!(entry instanceof ConfigScalar s) || s.value() == null || s.value().toString().isBlank()) {
                throw new ConfigException(value.location(), "bearer_token_credentials names '" + name
                        + "', but credentials have no token under that key",
                        "Add it to conf/local/credentials.yml as " + name + ": <token> (or " + name
                                + ": {token: <token>}).");
            }
            token = s.value().toString();
        }
        if (token == null) {
            throw new ConfigException(v.location(), "auth needs bearer_token_credentials",
                    "Example: auth: {bearer_token_credentials: api_token}");
        }
        return token;
    }
}
