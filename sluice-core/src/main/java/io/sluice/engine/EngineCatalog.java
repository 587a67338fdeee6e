package io.sluice.engine;

import io.sluice.Suggestions;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.CredentialsRef;
import io.sluice.config.Location;
import io.sluice.resource.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The engines of a session, built from {@code engines.yml} ({@code conf/base} overlaid by
 * {@code conf/<env>}, interpolated like every config file) and {@code credentials.yml}, before
 * the data catalog so that datasets can name them.
 *
 * <pre>{@code
 * # conf/base/engines.yml
 * warehouse:
 *   type: jdbc                          # a short name, or a class extending io.sluice.engine.Engine
 *   url: jdbc:duckdb:data/warehouse.duckdb
 * # conf/prod/engines.yml
 * warehouse:
 *   type: jdbc
 *   url: jdbc:postgresql://db:5432/dw
 *   credentials: warehouse_login
 * }</pre>
 *
 * <p>Building the catalog checks every entry (type, options, credentials) and reports all wrong
 * entries together, one per line at its {@code file:line:column}; it connects nowhere. Each
 * engine's client is created on first use ({@link Engine#get()}) and shared for the catalog's
 * life; {@link #close()} closes the clients created, newest first. Keys starting with {@code _}
 * are YAML templates, not engines. Immutable and thread-safe.
 */
public final class EngineCatalog implements AutoCloseable {
    private final Map<String, Engine<?>> engines;
    private final Resources clients;
    private final String file;
    /** The project's conf directory and this catalog's env, for the hint of {@link #engine}; or null. */
    private final Path confDir;
    private final String env;

    private EngineCatalog(Map<String, Engine<?>> engines, Resources clients, String file) {
        this(engines, clients, file, null, null);
    }

    private EngineCatalog(Map<String, Engine<?>> engines, Resources clients, String file, Path confDir, String env) {
        this.engines = engines;
        this.clients = clients;
        this.file = file;
        this.confDir = confDir;
        this.env = env;
        engines.values().forEach(e -> e.ownedBy(clients));
    }

    /**
     * Builds the engines of {@code engines}.
     *
     * @param engines     the merged {@code engines.yml}
     * @param credentials the merged {@code credentials.yml}, or {@code null}
     * @param projectDir  the project directory
     * @param env         the config environment
     * @param loader      where engine types and classes are looked up
     * @throws EngineConfigException listing every wrong entry, one per line
     */
    public static EngineCatalog fromConfig(ConfigMap engines, ConfigMap credentials, Path projectDir, String env,
                                           ClassLoader loader) {
        Objects.requireNonNull(engines, "engines");
        ConfigMap creds = credentials != null ? credentials : ConfigMap.empty(Location.of("credentials.yml"));
        EngineTypes types = EngineTypes.load(loader != null ? loader : EngineCatalog.class.getClassLoader());
        Map<String, Engine<?>> built = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (String name : engines.keys()) {
            if (name.startsWith("_")) {
                continue;
            }
            Location at = engines.keyLocation(name);
            try {
                built.put(name, build(name, engines.get(name), at, creds, projectDir, env, types));
            } catch (EngineConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new EngineConfigException(String.join("\n", errors));
        }
        return new EngineCatalog(built, new Resources("the engines of " + projectDir.toAbsolutePath().normalize()),
                engines.location().file(), projectDir.resolve("conf"), env);
    }

    /** No engines. */
    public static EngineCatalog empty() {
        return new EngineCatalog(Map.of(), new Resources("no engines"), "conf/base/engines.yml");
    }

    /**
     * Engines built in code (tests, embedding), owned by a new catalog: their clients are created
     * on first use and closed by its {@link #close()}.
     */
    public static EngineCatalog of(Engine<?>... engines) {
        Map<String, Engine<?>> byName = new TreeMap<>();
        for (Engine<?> e : engines) {
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("two engines named '" + e.name() + "'");
            }
        }
        return new EngineCatalog(byName, new Resources("engines built in code"), "conf/base/engines.yml");
    }

    private static Engine<?> build(String name, ConfigValue value, Location at, ConfigMap credentials, Path projectDir,
                                   String env, EngineTypes types) {
        if (!(value instanceof ConfigMap entry)) {
            throw new EngineConfigException(at + ": engine '" + name + "' must be a mapping with at least a 'type' key"
                    + " (e.g. 'type: jdbc').");
        }
        ConfigValue typeValue = entry.get("type");
        if (typeValue == null || typeValue instanceof ConfigScalar s && s.value() == null) {
            throw new EngineConfigException(at + ": engine '" + name + "' has no 'type'. Add one, e.g. 'type: jdbc',"
                    + " or the name of a class extending io.sluice.engine.Engine.");
        }
        if (!(typeValue instanceof ConfigScalar s && s.value() instanceof String type)) {
            throw new EngineConfigException(entry.keyLocation("type") + ": engine '" + name
                    + "': 'type' expects a string.");
        }
        refuseRunPlaceholders(name, entry);
        var factory = types.resolve(type, name, entry.keyLocation("type"));
        EngineCredentials creds = credentialsOf(name, entry, credentials);
        EngineConfig config = new EngineConfig(name, type, entry, at, creds, env, projectDir);
        Engine<?> engine = factory.apply(config);
        if (engine == null) {
            throw new EngineConfigException(at + ": engine type '" + type + "' built no engine for '" + name + "'.");
        }
        config.checkAllRead();
        return engine;
    }

    /**
     * An engine serves every run of its session, so a {@code ${run:...}} placeholder (resolved per
     * run, and kept as written until then) can never have a value in it.
     */
    private static void refuseRunPlaceholders(String name, ConfigValue value) {
        ConfigValue.runPlaceholder(value).ifPresent(s -> {
            throw new EngineConfigException(s.location() + ": engine '" + name + "' uses a ${run:...} placeholder, "
                    + "but an engine is created once and shared by every run of the session. Use ${runtime_params:...}"
                    + " or ${env:...}, which are resolved when the session compiles.");
        });
    }

    private static EngineCredentials credentialsOf(String name, ConfigMap entry, ConfigMap credentials) {
        String owner = "engine '" + name + "'";
        return CredentialsRef.of(entry, credentials, owner, EngineConfigException::new)
                .map(c -> EngineCredentials.fromConfig(c.name(), c.values(), c.at(), " of " + owner))
                .orElse(EngineCredentials.none());
    }

    /** The engine names, sorted. */
    public List<String> names() {
        return List.copyOf(engines.keySet());
    }

    /** The engine {@code name}, if declared. */
    public Optional<Engine<?>> find(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    /**
     * The engine {@code name}.
     *
     * @param user who asks, for the message ("node 'x'", "dataset 'y'")
     * @throws EngineConfigException naming the declared engines and the closest name
     */
    public Engine<?> engine(String name, String user) {
        Engine<?> e = engines.get(name);
        if (e == null) {
            throw new EngineConfigException(user + " uses engine '" + name + "', which is not declared in engines.yml."
                    + Suggestions.didYouMean(name, engines.keySet()) + " Declared engines: "
                    + (engines.isEmpty() ? "(none)" : String.join(", ", engines.keySet())) + "."
                    + declaredInOtherEnvs(name) + " Declare it in "
                    + file + " (e.g. '" + name + ": {type: jdbc}') or fix the name.");
        }
        return e;
    }

    /**
     * " It is declared in conf/ENV/engines.yml: ..." when another config environment of the project
     * declares {@code name} (a top-level key of its engines.yml), e.g. an engine that only the
     * {@code spark} env declares, asked for in {@code local}; else "". Read only on this error.
     */
    private String declaredInOtherEnvs(String name) {
        if (confDir == null || !Files.isDirectory(confDir)) {
            return "";
        }
        List<String> envs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(confDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String other = dir.getFileName().toString();
                Path yml = dir.resolve("engines.yml");
                if (!other.equals(env) && !other.equals("base") && Files.isRegularFile(yml)
                        && Files.readAllLines(yml).stream().anyMatch(l -> l.startsWith(name + ":"))) {
                    envs.add(other);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        if (envs.isEmpty()) {
            return "";
        }
        envs.sort(null);
        return " It is declared in " + String.join(", ", envs.stream().map(e -> "conf/" + e + "/engines.yml").toList())
                + ": run in that environment (--env " + envs.get(0) + (env != null ? "; this one is " + env : "")
                + ").";
    }

    /**
     * The engine {@code name}, checked to supply {@code declared}.
     *
     * @param user who asks and how ("parameter 2 of node 'x'"), for the messages
     * @throws EngineConfigException for an undeclared engine, or one whose client type is not
     *                               {@code declared} or a subtype of it (naming both types)
     */
    public Engine<?> engine(String name, Type declared, String user) {
        Engine<?> e = engine(name, user);
        if (!e.supplies(declared)) {
            throw new EngineConfigException(user + " is declared as " + declared.getTypeName() + ", but " + e.subject()
                    + " supplies " + e.clientType().getName() + ". Declare it as " + e.clientType().getSimpleName()
                    + " (or a supertype), or use an engine whose type supplies " + declared.getTypeName() + ".");
        }
        return e;
    }

    /** {@link Engine#describe()} of {@code name}, secrets masked. */
    public Map<String, Object> describe(String name) {
        return engine(name, "describe").describe();
    }

    /**
     * Pings {@code names} at the same time, each within {@code timeout}; the answers in the
     * order of {@code names}.
     */
    public List<EngineHealth> ping(Collection<String> names, Duration timeout) {
        List<CompletableFuture<EngineHealth>> pending = new ArrayList<>();
        for (String name : names) {
            Engine<?> e = engine(name, "ping");
            pending.add(CompletableFuture.supplyAsync(() -> e.ping(timeout), r -> {
                Thread t = new Thread(r, "sluice-ping-wait-" + name);
                t.setDaemon(true);
                t.start();
            }));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** The engines whose client exists now, by name (for {@code describe} and tests). */
    public Map<String, Boolean> created() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        engines.forEach((n, e) -> out.put(n, e.isCreated()));
        return out;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return clients.isClosed();
    }

    /**
     * Closes every client created, in the reverse order of creation; engines never used were
     * never created and have nothing to close. Later {@link Engine#get()} calls fail.
     *
     * @throws io.sluice.resource.ResourceCloseException naming each engine whose client failed
     *                                                   to close, after closing the others
     */
    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "EngineCatalog" + engines.keySet();
    }
}
