package io.sluice.spark;

import io.sluice.config.ConfigBinder;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark} engine: a {@link SparkSession} for nodes ({@code engine:spark}) and Spark
 * datasets ({@code engine: spark}), created on first use and stopped when the session closes.
 *
 * <pre>{@code
 * spark:
 *   type: spark
 *   master: spark://10.0.0.5:7077       # default local[2]; local[*], spark://h1:7077,h2:7077, yarn, k8s://...
 *   app_name: spaceflights              # default sluice-<engine name>
 *   conf:                               # Spark properties, as text
 *     spark.executor.memory: 2g
 *     spark.sql.shuffle.partitions: '8'
 *   jars: [build/classes, lib/extra.jar]  # shipped to executors; a folder is packed into a jar
 *   connect_timeout: 10s                # how long to wait for a spark:// master to answer
 *   credentials: spark_secrets          # Spark properties holding secrets, e.g. spark.authenticate.secret
 * }</pre>
 *
 * <p><b>One per JVM.</b> Spark allows a single {@link SparkContext} per JVM, so a {@code spark}
 * engine refuses to start while another session (another engine, user code) runs one, rather than
 * silently share it with other settings. Nodes that need several settings use one engine.
 *
 * <p><b>Shipping classes.</b> Functions a node hands to Spark ({@code map}, UDFs) are serialised
 * and run on executors, which load their classes from {@code jars}: list the project's classes
 * (a folder is packed into a temporary jar when the session starts, deleted when it stops) and any
 * library the executors lack. With {@code local[N]} everything runs in this JVM and nothing needs
 * shipping.
 *
 * <p><b>Secrets.</b> Credentials are Spark properties ({@code spark.authenticate.secret},
 * {@code spark.hadoop.fs.s3a.secret.key}) added to the session's config; they and any
 * {@code conf} property whose name looks secret (Spark's own redaction pattern: secret, password,
 * token, access key, credential) are masked in {@link #describe()}, in health answers and in
 * messages.
 *
 * <p><b>JVM options.</b> Spark 4 on Java 17+ needs the options of {@link SparkJvmOptions}; without
 * them creating the session fails with a message listing them.
 */
public final class SparkEngine extends Engine<SparkSession> {
    /** The type name in {@code engines.yml}. */
    public static final String TYPE = "spark";

    /** Names of Spark properties whose values are secrets: Spark's {@code spark.redaction.regex} and more. */
    static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|passwd|token|access[._-]?key|credential");

    /** Properties set by options of their own, refused in {@code conf}, with the option to use. */
    private static final Map<String, String> OWN_OPTIONS = Map.of("spark.master", "master", "spark.app.name",
            "app_name", "spark.jars", "jars");

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:[0-9]+(,[^/:,\\s]+:[0-9]+)*");

    /**
     * The options of a {@code spark} entry.
     *
     * @param master         where the application runs
     * @param appName        its name in the Spark UI and the master's list
     * @param conf           Spark properties
     * @param jars           jars and class folders shipped to executors (relative to the project), or URLs
     * @param connectTimeout how long a {@code spark://} master has to accept a connection
     */
    record Options(String master, Optional<String> appName,
                   @ConfigBinder.Fix("Spark properties are text: quote numbers and booleans ('8', 'true').")
                   Map<String, String> conf,
                   List<String> jars, Duration connectTimeout) {
    }

    private final Options options;
    private final Map<String, String> secretConf;
    private final Set<String> secretValues;
    private final ShippedJars jars;

    /** Reads and checks the entry; starts nothing. */
    public SparkEngine(EngineConfig config) {
        super(config, SparkSession.class);
        this.options = config.bind(Options.class, new Options("local[2]", Optional.empty(), Map.of(), List.of(),
                Duration.ofSeconds(10)));
        String at = config.location() + ": " + config.subject() + ": ";
        String master = options.master().strip();
        if (!LOCAL.matcher(master).matches() && !STANDALONE.matcher(master).matches() && !master.equals("yarn")
                && !master.startsWith("k8s://")) {
            throw new EngineConfigException(at + "master '" + master + "' is not a Spark master. Write local[2], "
                    + "local[*], spark://host:7077 (several masters: spark://h1:7077,h2:7077), yarn or "
                    + "k8s://https://host:443.");
        }
        options.conf().forEach((key, value) -> checkProperty(at, "conf", key));
        EngineCredentials credentials = config.credentials();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String key : credentials.keys()) {
            checkProperty(at, "credentials", key);
            if (options.conf().containsKey(key)) {
                throw new EngineConfigException(at + "'" + key + "' is both in conf and in " + credentials.source()
                        + ". Keep the secret in the credentials only.");
            }
            secrets.put(key, credentials.get(key));
        }
        this.secretConf = Map.copyOf(secrets);
        Set<String> values = new LinkedHashSet<>();
        secretConf.values().forEach(v -> addSecret(values, v));
        options.conf().forEach((k, v) -> {
            if (SECRET_KEY.matcher(k).find()) {
                addSecret(values, v);
            }
        });
        this.secretValues = Set.copyOf(values);
        this.jars = ShippedJars.of(options.jars(), config.projectDir(), at);
    }

    private static void checkProperty(String at, String where, String key) {
        if (OWN_OPTIONS.containsKey(key)) {
            throw new EngineConfigException(at + where + " sets '" + key + "', which is the engine's option '"
                    + OWN_OPTIONS.get(key) + "'. Write it as " + OWN_OPTIONS.get(key) + ": instead.");
        }
        if (!key.startsWith("spark.")) {
            throw new EngineConfigException(at + where + " has '" + key + "', which is not a Spark property "
                    + "(their names start with 'spark.'; Hadoop settings are spark.hadoop.<name>). Fix the name.");
        }
    }

    private static void addSecret(Set<String> into, String value) {
        if (value != null && value.length() >= 3) { // masking "1" everywhere would garble messages and hide nothing
            into.add(value);
        }
    }

    /** The master as configured. */
    public String master() {
        return options.master().strip();
    }

    @Override
    protected SparkSession create() throws Exception {
        Optional<SparkSession> running = runningSession();
        if (running.isPresent()) {
            SparkContext sc = running.get().sparkContext();
            throw new IllegalStateException("a SparkSession is already running in this JVM (master " + sc.master()
                    + ", application '" + sc.appName() + "'), and Spark allows one SparkContext per JVM. Stop it "
                    + "first (close the session that owns it), or use that engine instead of declaring a second one.");
        }
        if (master().startsWith("spark://")) {
            requireReachableMaster();
        }
        List<Path> packed = jars.pack();
        try {
            SparkSession.Builder builder = SparkSession.builder()
                    .master(master())
                    .appName(options.appName().orElse("sluice-" + name()));
            options.conf().forEach(builder::config);
            secretConf.forEach(builder::config);
            List<String> shipped = jars.uris(packed);
            if (!shipped.isEmpty()) {
                builder.config("spark.jars", String.join(",", shipped));
            }
            SparkSession session = builder.getOrCreate();
            jars.created(packed);
            return session;
        } catch (Throwable e) {
            ShippedJars.delete(packed);
            if (SparkJvmOptions.isClosedModule(e)) {
                throw new IllegalStateException("Spark cannot reach the JDK internals it needs: this JVM was started "
                        + "without Spark's options for Java 17+. Start it with: " + SparkJvmOptions.line()
                        + " (bin/sluice and spark-submit add them; see io.sluice.spark.SparkJvmOptions)", e);
            }
            throw e;
        }
    }

    /** The session Spark considers current in this JVM, whoever made it. */
    private static Optional<SparkSession> runningSession() {
        scala.Option<SparkSession> found = SparkSession.getDefaultSession();
        if (found.isEmpty()) {
            found = SparkSession.getActiveSession();
        }
        return found.isDefined() && !found.get().sparkContext().isStopped() ? Optional.of(found.get())
                : Optional.empty();
    }

    /**
     * Fails fast when no master of a {@code spark://} URL accepts a connection: Spark itself would
     * retry in the background and leave the first job waiting for executors that never come.
     */
    private void requireReachableMaster() throws IOException {
        List<String> tried = new ArrayList<>();
        for (String hostPort : master().substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, options.connectTimeout().toMillis())));
                return;
            } catch (IOException e) {
                tried.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new IOException("no Spark master answers at " + String.join(", ", tried) + " within "
                + options.connectTimeout().toMillis() + " ms");
    }

    /** Stops the session (and its SparkContext), then deletes the jars packed for it. */
    @Override
    protected void destroy(SparkSession session) {
        try {
            session.stop();
        } finally {
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            jars.deleteCreated();
        }
    }

    /**
     * Runs a trivial job (a count over two partitions, so executors take part), cancelled when the
     * timeout runs out — with no executor free, a job waits rather than fails.
     */
    @Override
    protected void check(SparkSession session, Duration timeout) throws Exception {
        SparkContext sc = session.sparkContext();
        String group = "sluice-ping-" + UUID.randomUUID();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(Math.max(1, timeout.toMillis()));
                sc.cancelJobGroup(group);
            } catch (InterruptedException e) {
                // the job finished first
            }
        }, "sluice-ping-cancel-" + name());
        canceller.setDaemon(true);
        sc.setJobGroup(group, "sluice ping of engine '" + name() + "'", true);
        canceller.start();
        try {
            long n = session.range(0, 100, 1, 2).count();
            if (n != 100) {
                throw new IllegalStateException("a count of 100 rows gave " + n);
            }
        } finally {
            canceller.interrupt();
            sc.clearJobGroup();
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(super.describe());
        if (out.get("conf") instanceof Map<?, ?> conf) {
            Map<String, Object> shown = new LinkedHashMap<>();
            conf.forEach((k, v) -> shown.put(String.valueOf(k), SECRET_KEY.matcher(String.valueOf(k)).find()
                    ? EngineCredentials.MASK : v));
            out.put("conf", shown);
        }
        out.put("master", master());
        out.put("client", SparkSession.class.getName());
        sparkVersion().ifPresent(v -> out.put("spark_version", v));
        return out;
    }

    /** The Spark version on the class path, read from the file spark-core carries. */
    static Optional<String> sparkVersion() {
        try (InputStream in = SparkContext.class.getResourceAsStream("/spark-version-info.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String mask(String text) {
        String out = super.mask(text);
        if (out != null && secretValues != null) {
            for (String secret : secretValues) {
                out = out.replace(secret, EngineCredentials.MASK);
            }
        }
        return out;
    }

    @Override
    protected String fix() {
        return master().startsWith("spark://") ? "Check that the Spark master at " + master() + " is running and "
                + "reachable from this machine, and that its workers have free cores and memory."
                : "Check the entry's conf in " + config().location().file() + " and the JVM options Spark needs "
                + "(io.sluice.spark.SparkJvmOptions).";
    }
}
