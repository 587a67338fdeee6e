package io.sluice.engine;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an engine sees of its {@code engines.yml} entry: its name, type and place, its options
 * bound to a record by {@link ConfigBinder} (one binder for every config section of Sluice), its
 * credentials, the config environment and the project directory.
 *
 * <pre>{@code
 * warehouse:
 *   type: jdbc
 *   url: jdbc:postgresql://db:5432/dw
 *   credentials: warehouse_login     # an entry of credentials.yml, or an inline mapping
 *   pool: {max_size: 8}
 * }</pre>
 *
 * <p>The catalog reads {@code type} and resolves {@code credentials}; every other key belongs to
 * the engine, which reads them all with one {@link #bind} in its constructor. A key the record
 * does not have is an error at its {@code file:line:column} with the known keys and a "did you
 * mean"; so are entries with options or credentials that an engine never reads.
 */
public final class EngineConfig {
    private static final Set<String> CATALOG_KEYS = Set.of("type", "credentials");

    private final String name;
    private final String type;
    private final ConfigMap entry;
    private final Location location;
    private final EngineCredentials credentials;
    private final String env;
    private final Path projectDir;
    private volatile boolean bound;
    private volatile boolean credentialsRead;

    EngineConfig(String name, String type, ConfigMap entry, Location location, EngineCredentials credentials,
                 String env, Path projectDir) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.entry = Objects.requireNonNull(entry, "entry");
        this.location = Objects.requireNonNull(location, "location");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.env = Objects.requireNonNull(env, "env");
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /**
     * A config built in code rather than read from {@code engines.yml} (tests, embedding).
     *
     * @param options     the entry's keys, without {@code type} and {@code credentials}
     * @param credentials the credentials' values (may be empty)
     */
    public static EngineConfig of(String name, String type, Map<String, ?> options, Map<String, ?> credentials,
                                  Path projectDir) {
        Location code = Location.of("code");
        return new EngineConfig(name, type, (ConfigMap) ConfigValue.fromJava(options, code), code,
                EngineCredentials.of(credentials), "local", projectDir);
    }

    /** The engine's name in {@code engines.yml}. */
    public String name() {
        return name;
    }

    /** Its type as written ({@code jdbc}, {@code com.acme.MyEngine}). */
    public String type() {
        return type;
    }

    /** Where the entry is written. */
    public Location location() {
        return location;
    }

    /** The config environment the session was compiled for ({@code local}, {@code prod}). */
    public String env() {
        return env;
    }

    /** The project directory, absolute: what relative paths in options resolve against. */
    public Path projectDir() {
        return projectDir;
    }

    /** {@code engine 'warehouse' (jdbc, conf/base/engines.yml:1:1)}: how messages name the engine. */
    public String subject() {
        return "engine '" + name + "' (" + type + ", " + location + ")";
    }

    /**
     * The entry's options (every key but {@code type} and {@code credentials}) bound to
     * {@code type}: {@code maxSize} reads {@code max_size}, an absent key takes the value in
     * {@code defaults}; see {@link ConfigBinder} for what values each Java type accepts.
     *
     * @throws EngineConfigException for an unknown key (with "did you mean"), a wrong or missing
     *                               value, at its {@code file:line:column}
     */
    public <R extends Record> R bind(Class<R> type, R defaults) {
        bound = true;
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String key : entry.keys()) {
            if (!CATALOG_KEYS.contains(key) && !key.startsWith("_")) {
                values.put(key, entry.get(key));
                keys.put(key, entry.keyLocation(key));
            }
        }
        try {
            return ConfigBinder.of(type, "engine '" + name + "' (type " + this.type + ")")
                    .bind(new ConfigMap(location, values, keys), defaults);
        } catch (ConfigException e) {
            throw new EngineConfigException(e.getMessage() + (e.getMessage().contains("Fix") ? ""
                    : " Fix the entry in engines.yml."), e);
        }
    }

    /** The engine's credentials ({@link EngineCredentials#none()} when its entry has none). */
    public EngineCredentials credentials() {
        credentialsRead = true;
        return credentials;
    }

    /**
     * The entry as plain values for {@code describe()}: {@code type} first, then the options, and
     * {@code credentials} as its keys each mapped to {@value EngineCredentials#MASK}.
     */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        entry.entries().forEach((k, v) -> {
            if (!CATALOG_KEYS.contains(k) && !k.startsWith("_")) {
                out.put(k, v.unwrap());
            }
        });
        if (!credentials.isEmpty()) {
            out.put("credentials", credentials.describe());
        }
        return out;
    }

    /** The secrets to mask in every message about this engine. */
    Set<String> secrets() {
        return credentials.secrets();
    }

    /** {@code text} with this entry's credential values masked. */
    String mask(String text) {
        String out = text;
        if (out != null) {
            for (String secret : secrets()) {
                out = out.replace(secret, EngineCredentials.MASK);
            }
        }
        return out;
    }

    /** After the engine's constructor: options or credentials it never read are errors. */
    void checkAllRead() {
        if (!bound) {
            for (String key : entry.keys()) {
                if (!CATALOG_KEYS.contains(key) && !key.startsWith("_")) {
                    throw new EngineConfigException(entry.keyLocation(key) + ": engine '" + name + "' (type " + type
                            + ") has unknown key '" + key + "'. Engines of type " + type
                            + " take no options. Remove it.");
                }
            }
        }
        if (!credentialsRead && !credentials.isEmpty()) {
            throw new EngineConfigException(entry.keyLocation("credentials") + ": engine '" + name + "' (type " + type
                    + ") has credentials, but engines of type " + type + " read none. Remove 'credentials'.");
        }
    }
}
