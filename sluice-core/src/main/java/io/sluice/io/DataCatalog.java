package io.sluice.io;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.CredentialsRef;
import io.sluice.config.Location;
import io.sluice.engine.EngineCatalog;
import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named datasets of a project, compiled once from {@code catalog.yml} and
 * {@code credentials.yml}; immutable and safe to share between threads and runs.
 *
 * <p>A name resolves, in this order, to:
 * <ol>
 *   <li>its explicit entry (built when the catalog is built, so every config error of an entry
 *       is reported by {@link #fromConfig});</li>
 *   <li>the first matching dataset factory pattern (keys containing {@code {placeholder}}, ranked
 *       as Kedro ranks them; see {@link #patterns()}), built on first use and then cached;</li>
 *   <li>otherwise the runtime default: a <em>new</em> {@link MemoryDataset} on every call. A
 *       user pattern made of a single placeholder ({@code {default}}, {@code {name}}) is a
 *       catch-all that replaces this default.</li>
 * </ol>
 * Memory datasets hold run data; since the catalog is shared by runs, the session gives each run
 * its own copy of every non-persistent dataset ({@link MemoryDataset#emptyCopy()}).
 *
 * <p>Keys starting with {@code _} are YAML templates, not datasets, and are ignored. An entry's
 * {@code credentials: <name>} refers to an entry of {@code credentials.yml} (or is an inline
 * mapping); credential values never appear in {@link #resolve}, {@code describe()}, logs or
 * error messages.
 *
 * <p>A catalog owns a {@link Resources} registry: its datasets keep what they share there
 * (connection pools, in-process databases; see {@link DatasetConfig#resources()}), and
 * {@link #close()} closes it. The session closes its catalog when it closes. Catalogs made with
 * {@link #withDataset} share the registry of the catalog they came from, so closing any of them
 * closes it for all.
 */
public final class DataCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataCatalog.class);

    private record Built(Dataset<?> dataset, DatasetResolution resolution, Set<String> engines) {
        Built(Dataset<?> dataset, DatasetResolution resolution) {
            this(dataset, resolution, Set.of());
        }
    }

    private final Path projectDir;
    private final DatasetTypes types;
    private final ConfigMap credentials;
    private final Map<String, Built> entries;
    private final List<DatasetPattern> patterns;
    private final ConcurrentHashMap<String, Built> fromPatterns;
    private final Resources resources;
    private final EngineCatalog engines;

    private DataCatalog(Path projectDir, DatasetTypes types, ConfigMap credentials, Map<String, Built> entries,
                        List<DatasetPattern> patterns, Map<String, Built> fromPatterns, Resources resources,
                        EngineCatalog engines) {
        this.resources = resources;
        this.engines = engines;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.types = types;
        this.credentials = credentials;
        this.entries = entries;
        this.patterns = patterns;
        this.fromPatterns = new ConcurrentHashMap<>(fromPatterns);
    }

    /**
     * Builds the catalog.
     *
     * @param catalog     the merged {@code catalog.yml}
     * @param credentials the merged {@code credentials.yml}, or {@code null} when there is none
     * @param projectDir  the directory relative file paths are resolved against
     * @throws DatasetConfigException listing every wrong entry and pattern, one per line
     */
    public static DataCatalog fromConfig(ConfigMap catalog, ConfigMap credentials, Path projectDir) {
        return fromConfig(catalog, credentials, projectDir, EngineCatalog.empty());
    }

    /**
     * Builds the catalog, whose entries may name the {@code engines} ({@code engine: warehouse})
     * instead of holding connections of their own. The catalog does not own the engines: the
     * session closes them after the catalog.
     *
     * @throws DatasetConfigException listing every wrong entry and pattern, one per line
     */
    public static DataCatalog fromConfig(ConfigMap catalog, ConfigMap credentials, Path projectDir,
                                         EngineCatalog engines) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(engines, "engines");
        Resources resources = newResources(projectDir);
        try {
            return fromConfig(catalog, credentials, projectDir, resources, engines);
        } catch (RuntimeException e) {
            // A dataset's constructor may have created something already; nobody else will close it.
            try {
                resources.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static DataCatalog fromConfig(ConfigMap catalog, ConfigMap credentials, Path projectDir,
                                          Resources resources, EngineCatalog engines) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        DatasetTypes types = DatasetTypes.load(loader != null ? loader : DataCatalog.class.getClassLoader());
        ConfigMap creds = credentials != null ? credentials : ConfigMap.empty(Location.of("credentials.yml"));
        DataCatalog empty = new DataCatalog(projectDir, types, creds, Map.of(), List.of(), Map.of(), resources,
                engines);

        List<String> errors = new ArrayList<>();
        Map<String, Built> entries = new TreeMap<>();
        List<DatasetPattern> patterns = new ArrayList<>();
        for (String key : catalog.keys()) {
            if (key.startsWith("_")) {
                continue;
            }
            Location at = catalog.keyLocation(key);
            try {
                ConfigMap entry = entryMap(key, catalog.get(key), at);
                if (DatasetPattern.isPattern(key)) {
                    DatasetPattern pattern = DatasetPattern.compile(key, entry, at);
                    empty.checkPatternType(pattern);
                    patterns.add(pattern);
                } else {
                    entries.put(key, empty.build(key, entry, at, null));
                }
            } catch (DatasetConfigException e) {
                errors.add(e.getMessage());
            }
        }
        patterns.sort(DatasetPattern.ORDER);
        List<DatasetPattern> catchAll = patterns.stream().filter(DatasetPattern::isCatchAll).toList();
        if (catchAll.size() > 1) {
            errors.add(catchAll.get(1).location() + ": several catch-all dataset patterns: " + String.join(", ",
                    catchAll.stream().map(p -> "'" + p.pattern() + "' (" + p.location() + ")").toList())
                    + ". Only one pattern without literal text is allowed; remove the extras.");
        }
        if (!errors.isEmpty()) {
            throw new DatasetConfigException(String.join("\n", errors));
        }
        return new DataCatalog(projectDir, types, creds, entries, List.copyOf(patterns), Map.of(), resources, engines);
    }

    /** A catalog with no entries and no patterns: every name is a new memory dataset. */
    public static DataCatalog empty(Path projectDir) {
        return new DataCatalog(projectDir, DatasetTypes.load(DataCatalog.class.getClassLoader()),
                ConfigMap.empty(Location.of("credentials.yml")), Map.of(), List.of(), Map.of(),
                newResources(projectDir), EngineCatalog.empty());
    }

    private static Resources newResources(Path projectDir) {
        return new Resources("the catalog of " + projectDir.toAbsolutePath().normalize());
    }

    /**
     * The dataset called {@code name}: its entry, else the best matching pattern's dataset
     * (created once), else a new memory dataset (or the user's catch-all pattern).
     *
     * @throws DatasetConfigException when the matching pattern stamps out a wrong config
     */
    public Dataset<?> dataset(String name) {
        return lookup(name).dataset();
    }

    /**
     * Whether {@code name} is declared: true for an explicit entry or a name any factory pattern
     * matches (a user catch-all included), false when it would get the runtime default.
     */
    public boolean isDeclared(String name) {
        return entries.containsKey(name) || matchingPattern(name).isPresent();
    }

    /**
     * Whether a session may read {@code name} once and share the value between runs when no node
     * of the running pipeline writes it (a trained model, a lookup table). True for persistent
     * datasets unless their entry says {@code load_once: false}; false for memory datasets and
     * entries with {@code ${run:...}} placeholders, which differ per run.
     */
    public boolean loadOnce(String name) {
        Built built = lookup(name);
        if (built.dataset() instanceof RunTemplatedDataset || !built.dataset().isPersistent()) {
            return false;
        }
        Object flag = built.resolution().config().get("load_once");
        if (flag != null && !(flag instanceof Boolean)) {
            throw new DatasetConfigException(built.resolution().location() + ": dataset '" + name
                    + "': load_once expects true or false, got " + flag + ".");
        }
        return !Boolean.FALSE.equals(flag);
    }

    /**
     * What dataset {@code name} holds: its entry's {@code artifact:} ({@code data}, {@code model}
     * or {@code metrics}) when it has one, else what the dataset says (a {@code model} dataset
     * holds a model, others data). Exports and the pipeline page read it, e.g. to put metrics
     * where an orchestrator shows them.
     *
     * @throws DatasetConfigException naming the entry's file and line for another value
     */
    public ArtifactKind artifactKind(String name) {
        Built built = lookup(name);
        Object declared = built.resolution().config().get("artifact");
        if (declared == null) {
            return built.dataset().artifactKind();
        }
        return ArtifactKind.named(String.valueOf(declared)).orElseThrow(() -> new DatasetConfigException(
                built.resolution().location() + ": dataset '" + name + "': artifact expects data, model or metrics, got "
                        + declared + "."));
    }

    /** How {@code name} resolves; see {@link DatasetResolution}. */
    public DatasetResolution resolve(String name) {
        return lookup(name).resolution();
    }

    /**
     * The engines dataset {@code name} uses ({@code engine: warehouse} in its entry), in the order
     * it named them; empty for datasets that use none. Resolving a pattern's dataset builds it.
     */
    public Set<String> enginesOf(String name) {
        return lookup(name).engines();
    }

    /** The engines this catalog's entries may name. */
    public EngineCatalog engines() {
        return engines;
    }

    /** The names of the explicit entries, sorted. */
    public List<String> entryNames() {
        return List.copyOf(entries.keySet());
    }

    /** The factory patterns in the order they are tried (most specific first). */
    public List<String> patterns() {
        return patterns.stream().map(DatasetPattern::pattern).toList();
    }

    /** The project directory relative paths resolve against. */
    public Path projectDir() {
        return projectDir;
    }

    /**
     * A new catalog with {@code dataset} as the explicit entry {@code name}, replacing any entry
     * of that name. This catalog is unchanged; the new one shares its {@link Resources} (closing
     * either closes them).
     */
    public DataCatalog withDataset(String name, Dataset<?> dataset) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Map<String, Object> description = new LinkedHashMap<>(dataset.describe());
        Object type = description.getOrDefault("type", dataset.getClass().getName());
        Map<String, Built> newEntries = new TreeMap<>(entries);
        newEntries.put(name, new Built(dataset, new DatasetResolution(name, DatasetResolution.Kind.ENTRY, null,
                String.valueOf(type), description, null)));
        Map<String, Built> cached = new LinkedHashMap<>(fromPatterns);
        cached.remove(name);
        return new DataCatalog(projectDir, types, credentials, newEntries, patterns, cached, resources, engines);
    }

    /**
     * Closes the catalog's {@link Resources}: the connection pools and in-process databases its
     * datasets opened. Datasets that need them fail afterwards with an
     * {@link IllegalStateException}; file datasets keep working. Closing again does nothing.
     *
     * @throws io.sluice.resource.ResourceCloseException naming each resource that failed to
     *                                                   close, after closing all the others
     */
    @Override
    public void close() {
        resources.close();
    }

    @Override
    public String toString() {
        return "DataCatalog[entries=" + entries.keySet() + ", patterns=" + patterns() + "]";
    }

    private Built lookup(String name) {
        if (name == null || name.isEmpty()) {
            throw new DatasetException("a dataset name must not be empty");
        }
        Built entry = entries.get(name);
        if (entry != null) {
            return entry;
        }
        Built cached = fromPatterns.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<DatasetPattern> pattern = matchingPattern(name);
        if (pattern.isPresent()) {
            return fromPatterns.computeIfAbsent(name, n -> fromPattern(n, pattern.get()));
        }
        return new Built(new MemoryDataset<>(name, null), new DatasetResolution(name, DatasetResolution.Kind.DEFAULT,
                null, "memory", Map.of("type", "memory"), null));
    }

    private Optional<DatasetPattern> matchingPattern(String name) {
        for (DatasetPattern p : patterns) {
            if (p.match(name).isPresent()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Built fromPattern(String name, DatasetPattern pattern) {
        ConfigMap config = pattern.resolve(pattern.match(name).orElseThrow());
        Built built = build(name, config, pattern.location(), pattern);
        LOG.debug("dataset '{}' created from pattern '{}' ({})", name, pattern.pattern(), pattern.location());
        return built;
    }

    private static ConfigMap entryMap(String key, ConfigValue value, Location at) {
        if (value instanceof ConfigMap m) {
            return m;
        }
        throw new DatasetConfigException(at + ": catalog entry '" + key + "' must be a mapping with at least a"
                + " 'type' key (e.g. 'type: csv'), got " + ConfigValues.kind(value) + ".");
    }

    /** Resolves a pattern's type now when it has no placeholder, so a typo fails at compile time. */
    private void checkPatternType(DatasetPattern pattern) {
        String type = typeOf(pattern.pattern(), pattern.config(), pattern.location(), "dataset factory pattern");
        if (DatasetPattern.uses(type).isEmpty()) {
            types.resolve(type, pattern.pattern(), pattern.config().keyLocation("type"));
        }
    }

    private static String typeOf(String name, ConfigMap entry, Location at, String what) {
        ConfigValue type = entry.get("type");
        if (type == null || type instanceof ConfigScalar s && s.value() == null) {
            throw new DatasetConfigException(at + ": " + what + " '" + name
                    + "' has no 'type'. Add one, e.g. 'type: csv', or a class name implementing io.sluice.io.Dataset.");
        }
        if (!(type instanceof ConfigScalar s && s.value() instanceof String str)) {
            throw new DatasetConfigException(entry.keyLocation("type") + ": " + what + " '" + name
                    + "': 'type' expects a string, got " + ConfigValues.show(type) + ".");
        }
        return str;
    }

    private Built build(String name, ConfigMap entry, Location at, DatasetPattern pattern) {
        if (RunTemplatedDataset.isTemplated(entry)) {
            List<Built> first = new ArrayList<>(1);
            Dataset<?> templated = new RunTemplatedDataset(name, entry, resolved -> {
                Built b = buildOne(name, resolved, at, pattern);
                if (first.isEmpty()) {
                    first.add(b); // the check build at catalog time, with placeholder names as values
                }
                return b.dataset();
            });
            DatasetResolution checked = first.get(0).resolution();
            Map<String, Object> shown = entry.unwrap();
            if (shown.containsKey("credentials")) {
                shown.put("credentials", checked.config().get("credentials"));
            }
            return new Built(templated, new DatasetResolution(name, checked.kind(), checked.pattern(), checked.type(),
                    shown, checked.location()), first.get(0).engines());
        }
        return buildOne(name, entry, at, pattern);
    }

    private Built buildOne(String name, ConfigMap entry, Location at, DatasetPattern pattern) {
        String typeName = typeOf(name, entry, at, "dataset");
        DatasetTypes.Resolved type = types.resolve(typeName, name, entry.keyLocation("type"));
        String origin = pattern == null ? null : "from pattern '" + pattern.pattern() + "'";
        Credentials creds = credentialsOf(name, entry);
        DatasetConfig config = DatasetConfig.of(name, type.name(), origin, entry, at, projectDir, creds,
                resources, engines);
        Dataset<?> dataset;
        try {
            dataset = type.factory().apply(config);
        } catch (MissingKeyException e) {
            // A misspelt key is the likelier cause of a missing one; say that first.
            List<String> unknown = config.unknownKeyErrors();
            throw new DatasetConfigException(unknown.isEmpty() ? e.getMessage() : String.join("\n", unknown), e);
        }
        List<String> unknown = config.unknownKeyErrors();
        if (!unknown.isEmpty()) {
            throw new DatasetConfigException(String.join("\n", unknown));
        }
        Map<String, Object> resolved = entry.unwrap();
        if (resolved.containsKey("credentials")) {
            resolved.put("credentials", creds.describe());
        }
        DatasetResolution resolution = new DatasetResolution(name, pattern == null ? DatasetResolution.Kind.ENTRY
                : DatasetResolution.Kind.PATTERN, pattern == null ? null : pattern.pattern(), type.name(), resolved, at);
        return new Built(dataset, resolution, java.util.Collections.unmodifiableSet(config.engineNames()));
    }

    private Credentials credentialsOf(String name, ConfigMap entry) {
        String owner = "dataset '" + name + "'";
        return CredentialsRef.of(entry, credentials, owner, DatasetConfigException::new)
                .map(c -> Credentials.fromConfig(c.name(), c.values(), c.at(), owner))
                .orElse(Credentials.none());
    }
}
