package io.sluice.runner;

import io.sluice.PluginNames;
import io.sluice.Suggestions;
import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.ConfiguredClass;
import io.sluice.config.CredentialsRef;
import io.sluice.config.Location;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The named runners of a session, from {@code runners.yml} ({@code conf/base} overlaid by
 * {@code conf/<env>}, interpolated like every config file), built once when the session compiles.
 *
 * <pre>{@code
 * # conf/base/runners.yml
 * default:                      # used when a run names no runner
 *   type: sequential
 *   retry: [{tags: [flaky], max_attempts: 3, initial_backoff: 200ms, max_backoff: 5s, jitter: 0.2}]
 *   timeout: [{tags: [slow], after: 30s}]
 * parallel4:
 *   type: parallel              # sequential, parallel, a RunnerType's short name, or a class name
 *   max_workers: 4
 * }</pre>
 *
 * <p>Besides the declared entries, {@code sequential} and {@code parallel} are always there
 * (unless declared otherwise), and {@code default} is the built-in sequential runner when not
 * declared. Every wrong entry is reported together, one per line at its {@code file:line:column}.
 * Keys starting with {@code _} are YAML templates, not runners. Immutable and thread-safe;
 * {@link #close()} stops the threads of the runners it created.
 */
public final class RunnerCatalog implements AutoCloseable {
    /** The config kind of {@code runners*.yml}. */
    public static final String KIND = "runners";
    /** The entry a run without a runner name uses. */
    public static final String DEFAULT = "default";
    private static final Set<String> POLICY_KEYS = Set.of("retry", "timeout");
    /** The key that makes an entry a run launcher ({@code io.sluice.launch}) rather than a runner. */
    public static final String LAUNCHER_KEY = "launcher";
    /** The key naming the entry a launcher wraps. */
    public static final String WRAPS_KEY = "wraps";
    /** The launchers Sluice ships, for the hint when one is written as a runner {@code type}. */
    private static final Set<String> BUILT_IN_LAUNCHERS = Set.of("sweep", "checks", "serve");

    private final Map<String, RunnerEntry> declared;
    private final Map<String, RunnerEntry> all;
    private final Set<String> launchers;
    private final RunnerEntry sequential;
    private final String file;

    private RunnerCatalog(Map<String, RunnerEntry> declared, Set<String> launchers, String file) {
        this.declared = declared;
        this.launchers = launchers;
        this.file = file;
        Map<String, RunnerEntry> entries = new TreeMap<>(declared);
        RunnerEntry seq = builtIn(new BuiltInRunnerTypes.Sequential());
        RunnerEntry par = builtIn(new BuiltInRunnerTypes.Parallel());
        entries.putIfAbsent(seq.name(), seq);
        entries.putIfAbsent(par.name(), par);
        entries.putIfAbsent(DEFAULT, seq); // listed as 'default', runs (and is journalled) as 'sequential'
        this.sequential = seq;
        this.all = entries;
    }

    /** Only the built-in entries ({@code sequential}, {@code parallel}, {@code default}). */
    public static RunnerCatalog builtIns() {
        return new RunnerCatalog(Map.of(), Set.of(), "conf/base/runners.yml");
    }

    /**
     * Builds the runners of {@code runners}.
     *
     * @param runners the merged {@code runners.yml}
     * @param loader  where runner types and classes are looked up
     * @throws RunnerConfigException listing every wrong entry, one per line
     */
    public static RunnerCatalog fromConfig(ConfigMap runners, ClassLoader loader) {
        return fromConfig(runners, ConfigMap.empty(Location.of("credentials.yml")), loader);
    }

    /**
     * Builds the runners of {@code runners}; an entry's {@code credentials: NAME} (or inline
     * mapping) binds the named entry of {@code credentials} to the config record's
     * {@code credentials} component, masked in {@link RunnerEntry#describe()}.
     *
     * @param runners     the merged {@code runners.yml}
     * @param credentials the merged {@code credentials.yml}
     * @param loader      where runner types and classes are looked up
     * @throws RunnerConfigException listing every wrong entry, one per line
     */
    public static RunnerCatalog fromConfig(ConfigMap runners, ConfigMap credentials, ClassLoader loader) {
        ClassLoader classes = loader != null ? loader : RunnerCatalog.class.getClassLoader();
        Map<String, RunnerType<?>> types = types(classes);
        Map<String, RunnerEntry> built = new TreeMap<>();
        Set<String> launchers = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (String name : runners.keys()) {
            if (name.startsWith("_")) {
                continue;
            }
            if (runners.get(name) instanceof ConfigMap m && m.get(LAUNCHER_KEY) != null) {
                if (m.get("type") != null) {
                    errors.add(m.keyLocation("type") + ": entry '" + name + "' has both 'type' (a runner) and '"
                            + LAUNCHER_KEY + "' (a run launcher). Keep one: a launcher names the runner it uses "
                            + "with 'wraps:'.");
                }
                launchers.add(name); // built by io.sluice.launch.LauncherCatalog
                continue;
            }
            try {
                ConfigValue value = runners.get(name) instanceof ConfigMap m
                        ? CredentialsRef.resolveIn(m, credentials, "runner '" + name + "'", RunnerConfigException::new)
                        : runners.get(name);
                built.put(name, build(name, value, runners.keyLocation(name), types, classes));
            } catch (RunnerConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            built.values().forEach(RunnerCatalog::close);
            throw new RunnerConfigException(String.join("\n", errors));
        }
        String file = runners.location().file();
        return new RunnerCatalog(built, Collections.unmodifiableSet(launchers),
                file == null || !file.endsWith(".yml") ? "conf/base/runners.yml" : file);
    }

    private static Map<String, RunnerType<?>> types(ClassLoader loader) {
        List<RunnerType<?>> found = new ArrayList<>();
        found.add(new BuiltInRunnerTypes.Sequential());
        found.add(new BuiltInRunnerTypes.Parallel());
        ServiceLoader.load(RunnerType.class, loader).forEach(found::add);
        return PluginNames.bySpelling(found, RunnerType::name, RunnerType::aliases, "runner type",
                RunnerConfigException::new);
    }

    private static RunnerEntry build(String name, ConfigValue value, Location at, Map<String, RunnerType<?>> types,
                                     ClassLoader loader) {
        if (!(value instanceof ConfigMap entry)) {
            throw new RunnerConfigException(at + ": runner '" + name + "' must be a mapping with at least a 'type' key"
                    + " (e.g. 'type: parallel').");
        }
        ConfigValue.runPlaceholder(entry).ifPresent(p -> {
            throw new RunnerConfigException(p.location() + ": runner '" + name + "' uses a ${run:...} placeholder, "
                    + "but a runner is built once when the session compiles and serves every run. Use "
                    + "${runtime_params:...} or ${env:...}, which are resolved then.");
        });
        ConfigValue typeValue = entry.get("type");
        if (typeValue == null || typeValue instanceof ConfigScalar s && s.value() == null) {
            throw new RunnerConfigException(at + ": runner '" + name + "' has no 'type'. Add one: sequential, "
                    + "parallel, a registered runner type, or the name of a class implementing io.sluice.runner.Runner.");
        }
        if (!(typeValue instanceof ConfigScalar s && s.value() instanceof String type)) {
            throw new RunnerConfigException(entry.keyLocation("type") + ": runner '" + name
                    + "': 'type' expects a string.");
        }
        if (entry.get(WRAPS_KEY) != null) {
            throw new RunnerConfigException(entry.keyLocation(WRAPS_KEY) + ": runner '" + name + "' (type " + type
                    + ") has 'wraps', but only a run launcher wraps another entry. Declare it with '"
                    + LAUNCHER_KEY + ": <sweep, checks, serve or a Launcher class>' instead of 'type:', or remove "
                    + "'wraps'.");
        }
        RunPolicy policy = policy(name, entry, at);
        ConfigMap args = args(entry, at);
        RunnerType<?> known = types.get(type);
        if (known != null) {
            return fromType(name, type, at, known, args, policy);
        }
        String subject = entry.keyLocation("type") + ": runner '" + name + "' has type '" + type + "'";
        if (!type.contains(".")) {
            Set<String> names = new java.util.TreeSet<>();
            types.values().forEach(t -> names.add(t.name()));
            throw new RunnerConfigException(subject + ", which is not a known runner type."
                    + Suggestions.didYouMean(type, types.keySet()) + " Known types: " + String.join(", ", names)
                    + ". Or give the fully qualified name of a public class implementing io.sluice.runner.Runner."
                    + (BUILT_IN_LAUNCHERS.contains(type) ? " '" + type + "' is a run launcher: write '" + LAUNCHER_KEY
                    + ": " + type + "' instead of 'type: " + type + "'." : ""));
        }
        return fromClass(name, type, at, subject, args, policy, loader);
    }

    private static RunPolicy policy(String name, ConfigMap entry, Location at) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String key : POLICY_KEYS) {
            if (entry.get(key) != null) {
                values.put(key, entry.get(key));
                keys.put(key, entry.keyLocation(key));
            }
        }
        if (values.isEmpty()) {
            return RunPolicy.NONE;
        }
        try {
            return ConfigBinder.of(RunPolicy.class, "the policy of runner '" + name + "'")
                    .bind(new ConfigMap(at, values, keys), RunPolicy.NONE);
        } catch (ConfigException e) {
            throw new RunnerConfigException(e.getMessage() + " Fix the entry in runners.yml.", e);
        }
    }

    private static ConfigMap args(ConfigMap entry, Location at) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String key : entry.keys()) {
            if (!key.equals("type") && !POLICY_KEYS.contains(key) && !key.startsWith("_")) {
                values.put(key, entry.get(key));
                keys.put(key, entry.keyLocation(key));
            }
        }
        return new ConfigMap(at, values, keys);
    }

    private static <C extends Record> RunnerEntry fromType(String name, String type, Location at, RunnerType<C> t,
                                                           ConfigMap args, RunPolicy policy) {
        C bound = bind(t.configType(), name, type, args, t.defaults());
        IntFunction<Runner> create = n -> {
            Runner r = t.create(new RunnerConfig<>(name, type, at, bound, n));
            if (r == null) {
                throw new RunnerConfigException(at + ": runner type '" + type + "' built no runner for '" + name + "'.");
            }
            return r;
        };
        return new RunnerEntry(name, type, at.toString(), create.apply(0), policy, bound, create);
    }

    private static <C extends Record> C bind(Class<C> configType, String name, String type, ConfigMap args,
                                             C defaults) {
        try {
            return ConfigBinder.of(configType, "runner '" + name + "' (type " + type + ")").bind(args, defaults);
        } catch (ConfigException e) {
            throw new RunnerConfigException(e.getMessage() + " Fix the entry in runners.yml.", e);
        }
    }

    private static RunnerEntry fromClass(String name, String type, Location at, String subject, ConfigMap args,
                                         RunPolicy policy, ClassLoader loader) {
        ConfiguredClass<Runner> created = ConfiguredClass.create(type, Runner.class, args, loader,
                new ConfiguredClass.Entry("runner", name, subject, at, RunnerConfigException::new));
        return new RunnerEntry(name, type, at.toString(), created.instance(), policy, created.args(), null);
    }

    private static <C extends Record> RunnerEntry builtIn(RunnerType<C> t) {
        IntFunction<Runner> create = n -> t.create(new RunnerConfig<>(t.name(), t.name(), Location.of(RunnerEntry.BUILT_IN),
                t.defaults(), n));
        return new RunnerEntry(t.name(), t.name(), RunnerEntry.BUILT_IN, create.apply(0), RunPolicy.NONE, t.defaults(),
                create);
    }

    /** The entry names, declared and built in, sorted. */
    public List<String> names() {
        return List.copyOf(all.keySet());
    }

    /** The names of the run launchers declared in runners.yml (entries with a {@code launcher:} key), sorted. */
    public Set<String> launcherNames() {
        return launchers;
    }

    /** The entries declared in runners.yml, by name, sorted. */
    public Map<String, RunnerEntry> declared() {
        return java.util.Collections.unmodifiableMap(declared);
    }

    /**
     * Checks that every retry and timeout rule selects by names that exist: a node name, tag or
     * namespace that no node of {@code pipelines} has would select nothing, silently. Asked when
     * the session compiles, with every registered pipeline.
     *
     * @throws RunnerConfigException listing every such name, with its runner, rule and the
     *                               closest existing name
     */
    public void checkSelectors(Collection<Pipeline> pipelines) {
        Set<String> nodes = new TreeSet<>();
        Set<String> tags = new TreeSet<>();
        Set<String> namespaces = new TreeSet<>();
        for (Pipeline p : pipelines) {
            for (Node n : p.nodes()) {
                nodes.add(n.name());
                tags.addAll(n.tags());
                for (String ns = n.namespace(); ns != null; ns = parent(ns)) {
                    namespaces.add(ns); // a rule may name a namespace or any namespace above it
                }
            }
        }
        List<String> errors = new ArrayList<>();
        for (RunnerEntry entry : declared.values()) {
            List<RunPolicy.Retry> retry = entry.policy().retry();
            for (int r = 0; r < retry.size(); r++) {
                unknown(errors, entry, "retry rule " + (r + 1), retry.get(r), nodes, tags, namespaces);
            }
            List<RunPolicy.Timeout> timeout = entry.policy().timeout();
            for (int t = 0; t < timeout.size(); t++) {
                unknown(errors, entry, "timeout rule " + (t + 1), timeout.get(t), nodes, tags, namespaces);
            }
        }
        if (!errors.isEmpty()) {
            throw new RunnerConfigException(String.join("\n", errors));
        }
    }

    private static String parent(String namespace) {
        int dot = namespace.lastIndexOf('.');
        return dot < 0 ? null : namespace.substring(0, dot);
    }

    private static void unknown(List<String> errors, RunnerEntry entry, String rule, RunPolicy.Selector selector,
                                Set<String> nodes, Set<String> tags, Set<String> namespaces) {
        check(errors, entry, rule, "node", selector.nodes(), nodes);
        check(errors, entry, rule, "tag", selector.tags(), tags);
        check(errors, entry, rule, "namespace", selector.namespaces(), namespaces);
    }

    private static void check(List<String> errors, RunnerEntry entry, String rule, String kind, List<String> named,
                              Set<String> existing) {
        for (String name : named) {
            if (!existing.contains(name)) {
                errors.add(entry.declaredAt() + ": " + rule + " of runner '" + entry.name() + "' names " + kind + " '"
                        + name + "', which no registered pipeline has, so it would select nothing."
                        + Suggestions.didYouMean(name, existing) + " Fix the name or remove it from runners.yml.");
            }
        }
    }

    /** Every entry by name, built-ins included, sorted. */
    public Map<String, RunnerEntry> entries() {
        return java.util.Collections.unmodifiableMap(all);
    }

    /** The entry {@code name}, or null (no allocation: a run's lookup). */
    public RunnerEntry find(String name) {
        return all.get(name);
    }

    /**
     * The entry {@code name}.
     *
     * @throws RunnerConfigException naming the entries and the closest name
     */
    public RunnerEntry entry(String name) {
        RunnerEntry e = all.get(name);
        if (e == null) {
            throw unknown(name);
        }
        return e;
    }

    /** The error for a runner name no entry has. */
    public RunnerConfigException unknown(String name) {
        if (launchers.contains(name)) {
            return new RunnerConfigException("'" + name + "' is a run launcher of " + file + ", not a runner: a "
                    + "launcher decides what runs (io.sluice.launch.LauncherCatalog), so Session.run cannot use it. "
                    + "Launch it with 'sluice run --runner " + name + "', or name the runner it wraps.");
        }
        Set<String> names = new TreeSet<>(all.keySet());
        names.addAll(launchers);
        return new RunnerConfigException("Unknown runner '" + name + "'." + Suggestions.didYouMean(name, names)
                + " Runners: " + String.join(", ", names) + " (declared in " + file + " or built in). Declare "
                + "it in conf/base/runners.yml (e.g. '" + name + ": {type: parallel, max_workers: 4}'), or give the "
                + "fully qualified name of a class implementing io.sluice.runner.Runner.");
    }

    /** The built-in sequential runner's entry. */
    public RunnerEntry sequential() {
        return sequential;
    }

    /** Stops the threads of the runners this catalog created. */
    @Override
    public void close() {
        java.util.IdentityHashMap<Runner, Boolean> seen = new java.util.IdentityHashMap<>();
        for (RunnerEntry e : all.values()) {
            if (seen.put(e.runner(), Boolean.TRUE) == null) {
                close(e);
            }
        }
    }

    private static void close(RunnerEntry e) {
        if (e.runner() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ex) {
                // a runner that fails to stop its threads leaves daemon threads; nothing else depends on it
            }
        }
    }

    @Override
    public String toString() {
        return "RunnerCatalog" + all.keySet();
    }
}
