package io.sluice.io;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.ConfigValueException;
import io.sluice.config.Location;
import io.sluice.config.UnknownKey;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineConfigException;
import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a dataset implementation sees of its catalog entry: typed, located getters over the
 * entry's keys, the resolved credentials and the project directory.
 *
 * <p>The config records every key a dataset asks for. Datasets must therefore read all their
 * configuration in their constructor: once it returns, the catalog reports every key of the entry
 * that was never asked for as an unknown key, with the keys that were asked for and a "did you
 * mean" suggestion. Nested option maps read through {@link #section} are checked the same way.
 * The catalog itself consumes {@code type}, {@code metadata} and {@code load_once}; {@code credentials} counts as
 * known only if the dataset calls {@link #credentials()}.
 *
 * <p>Getters throw {@link DatasetConfigException} naming the dataset, the key, its
 * {@code file:line:column} and the expected type when a value has the wrong type. A {@code null}
 * value ({@code key: ~}) counts as absent. What a string, an integer or a boolean is, is
 * {@link ConfigBinder}'s definition, shared with every other config section; a dataset with
 * richer options (durations, sizes, enums, nested options) declares them as a record and reads
 * them with {@link #bind(String, Class, Record)}.
 */
public final class DatasetConfig {
    private static final Set<String> CATALOG_KEYS = Set.of("type", "metadata", "load_once", "artifact");

    private final String name;
    private final String type;
    private final String origin;
    private final ConfigMap entry;
    private final Location location;
    private final Path projectDir;
    private final Credentials credentials;
    private final String section;
    private final Resources resources;
    private final EngineCatalog engines;
    /** The engines this dataset asked for by name, in order: what it depends on (lineage, readiness). */
    private final Set<String> engineNames = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> requested = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Map<String, DatasetConfig> sections = Collections.synchronizedMap(new LinkedHashMap<>());

    private DatasetConfig(String name, String type, String origin, ConfigMap entry, Location location, Path projectDir,
                          Credentials credentials, String section, Resources resources, EngineCatalog engines) {
        this.name = name;
        this.type = type;
        this.origin = origin;
        this.entry = entry;
        this.location = location;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.credentials = credentials;
        this.section = section;
        this.resources = resources;
        this.engines = engines;
    }

    static DatasetConfig of(String name, String type, String origin, ConfigMap entry, Location location,
                            Path projectDir, Credentials credentials, Resources resources, EngineCatalog engines) {
        return new DatasetConfig(name, type, origin, entry, location, projectDir, credentials, null, resources,
                engines);
    }

    /**
     * A config built in code rather than read from {@code catalog.yml} (tests, embedding). A
     * {@code credentials} key, if present, must be an inline mapping.
     *
     * @param name       the dataset name used in messages
     * @param type       the type name used in messages and {@link #describe()}
     * @param config     the entry's keys (without {@code type})
     * @param projectDir the directory relative paths are resolved against
     * @see #of(String, String, Map, Path, Resources)
     */
    public static DatasetConfig of(String name, String type, Map<String, ?> config, Path projectDir) {
        return of(name, type, config, projectDir, new Resources("dataset '" + name + "'"));
    }

    /**
     * {@link #of(String, String, Map, Path)} with the registry the dataset keeps its connections
     * in. Whoever creates {@code resources} closes it; the four-argument form gives each config a
     * registry of its own, which its caller closes through {@link #resources()} when done with the
     * dataset.
     */
    public static DatasetConfig of(String name, String type, Map<String, ?> config, Path projectDir,
                                   Resources resources) {
        return of(name, type, config, projectDir, resources, EngineCatalog.empty());
    }

    /**
     * {@link #of(String, String, Map, Path, Resources)} with the engines an {@code engine:} key
     * may name. Whoever creates {@code engines} closes it.
     */
    public static DatasetConfig of(String name, String type, Map<String, ?> config, Path projectDir,
                                   Resources resources, EngineCatalog engines) {
        Location code = Location.of("code");
        Map<String, Object> copy = new LinkedHashMap<>(config);
        Object creds = copy.get("credentials");
        Credentials credentials = Credentials.none();
        if (creds instanceof Map<?, ?> m) {
            Map<String, Object> values = new LinkedHashMap<>();
            m.forEach((k, v) -> values.put(String.valueOf(k), v));
            credentials = Credentials.of(values);
        } else if (creds != null) {
            throw new DatasetConfigException("dataset '" + name + "' (type " + type
                    + "): credentials built in code must be a map of values, not a reference to credentials.yml");
        }
        return new DatasetConfig(name, type, null, ConfigValues.mapFromJava(copy, code), code, projectDir,
                credentials, null, java.util.Objects.requireNonNull(resources, "resources"),
                java.util.Objects.requireNonNull(engines, "engines"));
    }

    /** The dataset's name in the catalog. */
    public String name() {
        return name;
    }

    /** The type as written in the catalog ({@code csv}, {@code com.acme.MyDataset}). */
    public String type() {
        return type;
    }

    /** The project directory, absolute. */
    public Path projectDir() {
        return projectDir;
    }

    /**
     * The registry of closeable things (connection pools, in-process databases) the dataset
     * shares with the other datasets of its catalog, closed with the catalog: a dataset creates
     * what it needs there on first use, never in static fields. See {@link Resources}.
     */
    public Resources resources() {
        return resources;
    }

    /** Where the entry (or factory pattern, or section) is declared. */
    public Location location() {
        return location;
    }

    /** Where {@code key} is written, or the entry's location when it is absent. */
    public Location location(String key) {
        return entry.keyLocations().containsKey(key) ? entry.keyLocation(key) : location;
    }

    /** "dataset 'companies' (csv)": how runtime errors about this dataset begin. */
    public String subject() {
        return "dataset '" + name + "' (" + type + ")";
    }

    /** Whether {@code key} is present and not null. Counts as reading it. */
    public boolean has(String key) {
        return value(key) != null;
    }

    /** A required string. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key, "a string"));
    }

    /** An optional string. */
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(converted(key, String.class));
    }

    /** A string, or {@code defaultValue} when absent. */
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** An integer, or {@code defaultValue} when absent. */
    public int integer(String key, int defaultValue) {
        Integer v = converted(key, int.class);
        return v == null ? defaultValue : v;
    }

    /** A boolean, or {@code defaultValue} when absent. */
    public boolean bool(String key, boolean defaultValue) {
        Boolean v = converted(key, boolean.class);
        return v == null ? defaultValue : v;
    }

    /** A single character (a one-character string), or {@code defaultValue} when absent. */
    public char character(String key, char defaultValue) {
        Character v = converted(key, char.class);
        return v == null ? defaultValue : v;
    }

    /** A mapping as plain Java values, or an empty map when absent. Its keys are not checked. */
    public Map<String, Object> map(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof ConfigMap m)) {
            throw wrongType(key, "a mapping");
        }
        return Collections.unmodifiableMap(m.unwrap());
    }

    /** A list as plain Java values, or an empty list when absent. */
    public List<Object> list(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof ConfigList l)) {
            throw wrongType(key, "a list");
        }
        return Collections.unmodifiableList(l.unwrap());
    }

    /** A list of strings (a YAML list, or a comma-separated string), or an empty list when absent. */
    public List<String> stringList(String key) {
        ConfigValue v = value(key);
        if (v == null) {
            return List.of();
        }
        try {
            return ConfigBinder.convertList(v, String.class, key);
        } catch (ConfigValueException e) {
            throw wrongValue(e);
        }
    }

    /** A required path, resolved against the project directory. */
    public Path path(String key) {
        return resolve(string(key));
    }

    /** {@code relative} resolved against the project directory. */
    public Path resolve(String relative) {
        return projectDir.resolve(relative).normalize();
    }

    /**
     * A nested option mapping ({@code load_args}, {@code save_args}) read key by key, whose
     * unknown keys are reported like the entry's. Empty when absent.
     */
    public DatasetConfig section(String key) {
        ConfigValue v = value(key);
        if (v != null && !(v instanceof ConfigMap)) {
            throw wrongType(key, "a mapping");
        }
        ConfigMap m = v == null ? ConfigMap.empty(location(key)) : (ConfigMap) v;
        return sections.computeIfAbsent(key, k -> new DatasetConfig(name, type, origin, m, location(key),
                projectDir, Credentials.none(), qualified(key), resources, engines));
    }

    /**
     * The entry's keys bound to a record by {@link ConfigBinder}: each component reads the key of
     * its snake_case name ({@code fetchSize} reads {@code fetch_size}), an absent key takes the
     * value in {@code defaults}, and values convert as the binder says (ranges, durations, sizes,
     * enums, lists, nested records). The record's keys count as asked for; the entry's other keys
     * are left to the dataset's other getters, or reported as unknown as usual. An
     * {@link IllegalArgumentException} from the record's constructor is a config error naming the
     * entry.
     *
     * @throws DatasetConfigException naming the dataset, key and place of a wrong or missing value
     */
    public <R extends Record> R bind(Class<R> type, R defaults) {
        ConfigBinder<R> binder = ConfigBinder.of(type, section == null ? configSubject()
                : section + " of " + configSubject());
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String key : binder.keys()) {
            requested.add(key);
            if (entry.get(key) != null) {
                values.put(key, entry.get(key));
                keys.put(key, entry.keyLocation(key));
            }
        }
        try {
            // Located at the entry (or section key), where missing keys and validation errors point.
            return binder.bind(new ConfigMap(location, values, keys), defaults);
        } catch (ConfigValueException e) {
            throw wrongValue(e);
        } catch (ConfigException e) {
            throw new DatasetConfigException(e.getMessage(), e);
        }
    }

    /**
     * The nested option mapping {@code key} ({@code load_args}, {@code save_args}) bound to a
     * record, as {@link #bind(Class, Record)} binds the entry; unknown keys in it are reported
     * like those of {@link #section}. The defaults when it is absent.
     */
    public <R extends Record> R bind(String key, Class<R> type, R defaults) {
        return section(key).bind(type, defaults);
    }

    /**
     * The engine named by {@code key} ({@code engine: warehouse}), checked to supply
     * {@code clientType}. Nothing connects: the dataset calls {@link Engine#get()} when it loads or
     * saves, and the engine creates its client then, once for the session. The engine counts as
     * one this dataset depends on ({@link DataCatalog#enginesOf}).
     *
     * @throws DatasetConfigException at the key: no such engine (with the declared ones and the
     *                                closest name), or an engine of another client type
     */
    @SuppressWarnings("unchecked") // supplies(clientType) checked the client's class
    public <T> Engine<? extends T> engine(String key, Class<T> clientType) {
        String engineName = string(key);
        String user = location(key) + ": " + configSubject() + ": key '" + qualified(key) + "'";
        Engine<?> engine;
        try {
            engine = engines.engine(engineName, user);
        } catch (EngineConfigException e) {
            throw new DatasetConfigException(e.getMessage(), e);
        }
        if (!engine.supplies(clientType)) {
            throw new DatasetConfigException(user + " names " + engine.subject() + ", which supplies "
                    + engine.clientType().getName() + ", but " + type + " datasets need an engine supplying "
                    + clientType.getName() + ". Name another engine (for SQL datasets, one of type jdbc).");
        }
        engineNames.add(engineName);
        return (Engine<? extends T>) engine;
    }

    /**
     * The object storage of the engine named by {@code key} ({@code storage: lake}), for objects
     * of {@code scheme} ({@code s3}) named by the entry's {@code urlKey}. Nothing connects; the
     * engine counts as one this dataset depends on, as for {@link #engine}.
     *
     * @throws DatasetConfigException at the key: no {@code key} (with the storage engines
     *                                declared), no such engine, or an engine that stores no
     *                                objects of {@code scheme}
     */
    public ObjectStorage storage(String key, String scheme, String urlKey) {
        if (!has(key)) {
            List<String> candidates = new ArrayList<>();
            for (String n : engines.names()) {
                if (engines.find(n).orElseThrow() instanceof StorageEngine s && s.scheme().equals(scheme)) {
                    candidates.add(n);
                }
            }
            throw new DatasetConfigException(location(urlKey) + ": " + configSubject() + ": " + urlKey + " is a "
                    + scheme + ":// URL, so the entry must name the engine that stores it: add '" + qualified(key)
                    + ": <engine>'" + (candidates.isEmpty() ? ", after declaring an engine of type " + scheme
                    + " in engines.yml (none is declared)." : ". Engines storing " + scheme + ":// objects: "
                    + String.join(", ", candidates) + "."));
        }
        String engineName = string(key);
        String user = location(key) + ": " + configSubject() + ": key '" + qualified(key) + "'";
        Engine<?> engine;
        try {
            engine = engines.engine(engineName, user);
        } catch (EngineConfigException e) {
            throw new DatasetConfigException(e.getMessage(), e);
        }
        if (!(engine instanceof StorageEngine storing) || !storing.scheme().equals(scheme)) {
            throw new DatasetConfigException(user + " names " + engine.subject() + ", which stores no " + scheme
                    + ":// objects" + (engine instanceof StorageEngine other ? " (it stores " + other.scheme()
                    + ":// ones)" : "") + ". Name an engine of type " + scheme + ", or fix the " + urlKey + ".");
        }
        engineNames.add(engineName);
        return storing.storage();
    }

    /**
     * The session's engines, for datasets that build other datasets (a partitioned dataset's
     * partitions) whose entries may name them.
     */
    public EngineCatalog engines() {
        return engines;
    }

    /** The names of the engines this dataset asked for through {@link #engine}. */
    Set<String> engineNames() {
        synchronized (engineNames) {
            Set<String> all = new LinkedHashSet<>(engineNames);
            synchronized (sections) {
                sections.values().forEach(s -> all.addAll(s.engineNames()));
            }
            return all;
        }
    }

    /** The entry's credentials ({@link Credentials#none()} when it has none). */
    public Credentials credentials() {
        requested.add("credentials");
        return credentials;
    }

    /**
     * The entry as plain values for {@code describe()}: {@code type} first, then every key but
     * {@code credentials}.
     */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        entry.entries().forEach((k, v) -> {
            if (!k.equals("credentials") && !k.equals("type")) {
                out.put(k, v.unwrap());
            }
        });
        return out;
    }

    /**
     * {@code path} as users see it: relative to the project directory when inside it, with '/';
     * the path that stands for an object of a {@code filepath: s3://...} as that URL.
     */
    public String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        String url = RemoteFile.urlOf(projectDir, abs);
        if (url != null) {
            return url; // the local path that stands for an object (see FileLocation): shown as its URL
        }
        Path shown = abs.startsWith(projectDir) ? projectDir.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    ConfigMap entry() {
        return entry;
    }

    /** One message per key of the entry (or its sections) that the dataset never asked for. */
    List<String> unknownKeyErrors() {
        List<String> errors = new ArrayList<>();
        Set<String> known;
        synchronized (requested) {
            known = new TreeSet<>(requested);
        }
        known.addAll(sections.keySet());
        for (String key : entry.keys()) {
            if (key.startsWith("_") || known.contains(key) || (section == null && CATALOG_KEYS.contains(key))) {
                continue;
            }
            String where = section == null ? "" : " in '" + section + "'";
            UnknownKey unknown = new UnknownKey(key, entry.keyLocation(key), List.copyOf(known));
            errors.add(unknown.location() + ": " + configSubject() + " has unknown key '" + key + "'" + where
                    + ". Known keys" + where + ": " + (known.isEmpty() ? "(none)" : String.join(", ", known)) + "."
                    + unknown.didYouMean());
        }
        List<DatasetConfig> nested;
        synchronized (sections) {
            nested = new ArrayList<>(sections.values());
        }
        nested.forEach(s -> errors.addAll(s.unknownKeyErrors()));
        return errors;
    }

    /** "dataset 'companies' (type csv)": how config errors about this dataset begin. */
    String configSubject() {
        return "dataset '" + name + "' (type " + type + (origin == null ? "" : ", " + origin) + ")";
    }

    private ConfigValue value(String key) {
        requested.add(key);
        ConfigValue v = entry.get(key);
        return v instanceof ConfigScalar s && s.value() == null ? null : v;
    }

    /** {@code key}'s value as the binder converts a {@code type}, or null when absent. */
    private <V> V converted(String key, Class<V> type) {
        ConfigValue v = value(key);
        if (v == null) {
            return null;
        }
        try {
            return ConfigBinder.convert(v, type, key);
        } catch (ConfigValueException e) {
            throw wrongValue(e);
        }
    }

    /** {@code key} as users write it from the entry: {@code load_args.parse} within {@code load_args}. */
    String qualifiedKey(String key) {
        return qualified(key);
    }

    private String qualified(String key) {
        return section == null ? key : section + "." + key;
    }

    /**
     * A binder's report in the catalog's words. Keys are relative to this config; a value written
     * directly under one of its keys is shown at the key, as the catalog always has.
     */
    private DatasetConfigException wrongValue(ConfigValueException e) {
        if (e.found().isEmpty()) {
            return new MissingKeyException(e.location() + ": " + configSubject() + " is missing required key '"
                    + qualified(e.key()) + "' (" + e.expected() + "). Add it to the entry.");
        }
        Location at = entry.get(e.key()) == e.found().get() ? location(e.key()) : e.location();
        return new DatasetConfigException(at + ": " + configSubject() + ": key '" + qualified(e.key()) + "' expects "
                + e.expected() + ", got " + ConfigValues.show(e.found().get()) + ". Fix the value in the catalog.");
    }

    private DatasetConfigException wrongType(String key, String expected) {
        ConfigValue v = entry.get(key);
        return new DatasetConfigException(location(key) + ": " + configSubject() + ": key '" + qualified(key)
                + "' expects " + expected + ", got " + ConfigValues.show(v) + ". Fix the value in the catalog.");
    }

    private DatasetConfigException missing(String key, String expected) {
        return new MissingKeyException(location + ": " + configSubject() + " is missing required key '"
                + qualified(key) + "' (" + expected + "). Add it to the entry.");
    }
}
