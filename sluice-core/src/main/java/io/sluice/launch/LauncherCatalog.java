package io.sluice.launch;

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
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerCatalog;
import io.sluice.runner.RunnerConfigException;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run launchers of a session: the {@code runners.yml} entries with a {@code launcher:} key
 * (the {@link RunnerCatalog} holds the others), built from the session's merged config.
 *
 * <pre>{@code
 * # conf/base/runners.yml
 * parallel4: {type: parallel, max_workers: 4}
 * tuning:
 *   launcher: sweep          # sweep, checks, serve, another LauncherType, or a Launcher class name
 *   wraps: parallel4         # default: the runner entry 'default'
 *   grid: {model.alpha: [0.1, 1, 10]}
 * guarded:
 *   launcher: checks
 *   wraps: tuning            # launchers compose: checks once, then the sweep
 *   before: [{git_clean: true}]
 * }</pre>
 *
 * <p>{@link #launch} runs a spec through the entry its {@code runner} names: a launcher decides
 * what runs, a runner entry runs the spec once. Every wrong entry is reported together, one per
 * line at its {@code file:line:column}: an unknown launcher type or key, a {@code wraps} naming no
 * entry, a chain of launchers that comes back to itself. Immutable and thread-safe.
 */
public final class LauncherCatalog {
    private static final Set<String> OWN_KEYS = Set.of(RunnerCatalog.LAUNCHER_KEY, RunnerCatalog.WRAPS_KEY);

    private final Map<String, LauncherEntry> entries;

    private LauncherCatalog(Map<String, LauncherEntry> entries) {
        this.entries = entries;
    }

    /** The launchers of {@code session}'s {@code runners.yml}. */
    public static LauncherCatalog of(Session session) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return fromConfig(session.config().get(RunnerCatalog.KIND), session.config().credentials(),
                context != null ? context : session.project().getClass().getClassLoader(), session.runners());
    }

    /**
     * Builds the launchers of {@code runners}.
     *
     * @param runners       the merged {@code runners.yml}
     * @param credentials   the merged {@code credentials.yml}: an entry's {@code credentials: NAME}
     *                      binds to its config record's {@code credentials} component
     * @param loader        where launcher types and classes are looked up
     * @param runnerCatalog the runner entries of the same file, which launchers may wrap
     * @throws RunnerConfigException listing every wrong entry, one per line
     */
    public static LauncherCatalog fromConfig(ConfigMap runners, ConfigMap credentials, ClassLoader loader,
                                             RunnerCatalog runnerCatalog) {
        Set<String> names = runnerCatalog.launcherNames();
        if (names.isEmpty()) {
            return new LauncherCatalog(Map.of()); // no launcher: no class-path scan on the one-off run's path
        }
        Map<String, LauncherType<?>> types = types(loader);
        Map<String, LauncherEntry> built = new TreeMap<>();
        Map<String, String> wrapsOf = new TreeMap<>();
        Map<String, String> declaredAt = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                ConfigMap entry = CredentialsRef.resolveIn((ConfigMap) runners.get(name), credentials,
                        "launcher '" + name + "'", RunnerConfigException::new);
                wrapsOf.put(name, wraps(name, entry, names, runnerCatalog));
                declaredAt.put(name, runners.keyLocation(name).toString());
                LauncherEntry e = build(name, entry, runners.keyLocation(name), types, loader, wrapsOf.get(name));
                built.put(name, e);
                LauncherType<?> t = types.get(e.type());
                if (t != null && !t.wrapsLaunchers() && names.contains(e.wraps())) {
                    errors.add(declaredAt.get(name) + ": launcher '" + name + "' (" + e.type() + ") wraps '"
                            + e.wraps() + "', which is a launcher: a " + e.type() + " launcher makes one run per "
                            + "request through a runner, and a launcher decides how many runs a request makes. "
                            + "Make it wrap a runner entry (e.g. 'wraps: parallel4'), or wrap it in the launcher "
                            + "instead.");
                }
            } catch (RunnerConfigException e) {
                errors.add(e.getMessage());
            }
        }
        for (String name : wrapsOf.keySet()) {
            checkWraps(name, wrapsOf, declaredAt, runnerCatalog, errors);
        }
        if (!errors.isEmpty()) {
            throw new RunnerConfigException(String.join("\n", errors));
        }
        return new LauncherCatalog(Collections.unmodifiableMap(built));
    }

    private static Map<String, LauncherType<?>> types(ClassLoader loader) {
        List<LauncherType<?>> found = new ArrayList<>();
        ServiceLoader.load(LauncherType.class, loader).forEach(found::add);
        return PluginNames.bySpelling(found, LauncherType::name, LauncherType::aliases, "launcher type",
                RunnerConfigException::new);
    }

    private static String wraps(String name, ConfigMap entry, Set<String> launchers, RunnerCatalog runnerCatalog) {
        return entry.get(RunnerCatalog.WRAPS_KEY) == null ? defaultWraps(launchers, runnerCatalog)
                : string(entry, RunnerCatalog.WRAPS_KEY, name);
    }

    private static LauncherEntry build(String name, ConfigMap entry, Location at, Map<String, LauncherType<?>> types,
                                       ClassLoader loader, String wraps) {
        ConfigValue.runPlaceholder(entry).ifPresent(p -> {
            throw new RunnerConfigException(p.location() + ": launcher '" + name + "' uses a ${run:...} placeholder, "
                    + "but a launcher is built once when the session compiles and serves every run. Use "
                    + "${runtime_params:...} or ${env:...}, which are resolved then.");
        });
        String type = string(entry, RunnerCatalog.LAUNCHER_KEY, name);
        ConfigMap args = args(entry, at);
        LauncherType<?> known = types.get(type);
        if (known != null) {
            return fromType(name, type, at, wraps, known, args);
        }
        String subject = entry.keyLocation(RunnerCatalog.LAUNCHER_KEY) + ": launcher '" + name + "' has type '" + type
                + "'";
        if (!type.contains(".")) {
            Set<String> known2 = new TreeSet<>();
            types.values().forEach(t -> known2.add(t.name()));
            throw new RunnerConfigException(subject + ", which is not a known launcher type."
                    + Suggestions.didYouMean(type, types.keySet()) + " Known launcher types: "
                    + (known2.isEmpty() ? "none on the class path" : String.join(", ", known2))
                    + " (serve needs sluice-server on the class path). Or give the fully qualified name of a public "
                    + "class implementing io.sluice.launch.Launcher.");
        }
        ConfiguredClass<Launcher> created = ConfiguredClass.create(type, Launcher.class, args, loader,
                new ConfiguredClass.Entry("launcher", name, subject, at, RunnerConfigException::new));
        return new LauncherEntry(name, type, at.toString(), wraps, created.instance(), created.args());
    }

    /**
     * A launcher without {@code wraps} runs through the runner entry {@code default}; when
     * {@code default} is itself a launcher, through the runner the name {@code default} has among
     * runners (the built-in sequential one), so that leaving {@code wraps} out never loops.
     */
    private static String defaultWraps(Set<String> launchers, RunnerCatalog runnerCatalog) {
        return launchers.contains(RunnerCatalog.DEFAULT) ? runnerCatalog.entry(RunnerCatalog.DEFAULT).name()
                : RunnerCatalog.DEFAULT;
    }

    private static String string(ConfigMap entry, String key, String name) {
        ConfigValue v = entry.get(key);
        if (!(v instanceof ConfigScalar s && s.value() instanceof String text) || text.isBlank()) {
            throw new RunnerConfigException(entry.keyLocation(key) + ": launcher '" + name + "': '" + key
                    + "' expects the name of " + (key.equals(RunnerCatalog.WRAPS_KEY)
                    ? "a runner or launcher entry (e.g. 'wraps: parallel4')."
                    : "a launcher type (sweep, checks, serve) or of a class implementing io.sluice.launch.Launcher."));
        }
        return text;
    }

    private static ConfigMap args(ConfigMap entry, Location at) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String key : entry.keys()) {
            if (!OWN_KEYS.contains(key) && !key.startsWith("_")) {
                values.put(key, entry.get(key));
                keys.put(key, entry.keyLocation(key));
            }
        }
        return new ConfigMap(at, values, keys);
    }

    private static <C extends Record> LauncherEntry fromType(String name, String type, Location at, String wraps,
                                                             LauncherType<C> t, ConfigMap args) {
        C bound;
        try {
            bound = ConfigBinder.of(t.configType(), "launcher '" + name + "' (" + type + ")")
                    .bind(t.normalize(args), t.defaults());
        } catch (ConfigException e) {
            throw new RunnerConfigException(e.getMessage() + " Fix the entry in runners.yml.", e);
        }
        Launcher launcher = t.create(new LauncherConfig<>(name, type, at, wraps, bound, args));
        if (launcher == null) {
            throw new RunnerConfigException(at + ": launcher type '" + type + "' built no launcher for '" + name + "'.");
        }
        return new LauncherEntry(name, type, at.toString(), wraps, launcher, bound);
    }

    /** A {@code wraps} must name an entry, and following the chain must end at a runner. */
    private static void checkWraps(String name, Map<String, String> wrapsOf, Map<String, String> declaredAt,
                                   RunnerCatalog runners, List<String> errors) {
        Set<String> chain = new LinkedHashSet<>();
        chain.add(name);
        String last = name;
        String next = wrapsOf.get(name);
        while (wrapsOf.containsKey(next)) {
            if (!chain.add(next)) {
                List<String> loop = new ArrayList<>(chain);
                loop.add(next);
                errors.add(declaredAt.get(name) + ": launcher '" + name + "' wraps itself, through "
                        + String.join(" -> ", loop) + ". Make one of them wrap a runner (e.g. 'wraps: sequential').");
                return;
            }
            last = next;
            next = wrapsOf.get(next);
        }
        if (last.equals(name) && runners.find(next) == null && !next.contains(".")) {
            Set<String> all = new TreeSet<>(runners.names());
            all.addAll(wrapsOf.keySet());
            errors.add(declaredAt.get(name) + ": launcher '" + name + "' wraps '" + next
                    + "', which is no runner or launcher entry." + Suggestions.didYouMean(next, all) + " Entries: "
                    + String.join(", ", all) + ".");
        }
    }

    /**
     * This catalog with {@code entry} added, or put in place of the entry of the same name: for a
     * launch the command line makes without a {@code runners.yml} entry (what {@code sluice serve}
     * runs when the file declares no {@code serve}), or with one whose launcher it adjusted. Its
     * {@code wraps} must name a runner or another entry of this catalog.
     */
    public LauncherCatalog with(LauncherEntry entry) {
        Map<String, LauncherEntry> more = new TreeMap<>(entries);
        more.put(entry.name(), entry);
        return new LauncherCatalog(Collections.unmodifiableMap(more));
    }

    /** Whether {@code name} is a launcher entry. */
    public boolean isLauncher(String name) {
        return entries.containsKey(name);
    }

    /** The launcher entries by name, sorted. */
    public Map<String, LauncherEntry> entries() {
        return entries;
    }

    /** The entry {@code name}, or null. */
    public LauncherEntry find(String name) {
        return entries.get(name);
    }

    /** The runner entry at the end of {@code name}'s chain of wrapped launchers ({@code name} for a runner). */
    public String runnerOf(String name) {
        String next = name;
        while (entries.containsKey(next)) {
            next = entries.get(next).wraps();
        }
        return next;
    }

    /**
     * Runs {@code spec} through the entry its {@code runner} names: when it is a launcher, as the
     * launcher decides (the runs it makes go through the entries it wraps); otherwise once, with
     * {@link Session#run(RunSpec, Injected)}.
     *
     * @param out  where launchers report
     * @param stop fired to ask a long launch (a server) to end
     * @return the runs made, in the order they ended
     */
    public List<RunResult> launch(Session session, RunSpec spec, Injected injected, PrintWriter out, StopSignal stop)
            throws Exception {
        return launch(spec.runner(), session, spec, injected, out, stop);
    }

    List<RunResult> launch(String name, Session session, RunSpec spec, Injected injected, PrintWriter out,
                           StopSignal stop) throws Exception {
        RunSpec asked = spec.runner().equals(name) ? spec : spec.toBuilder().runner(name).build();
        LauncherEntry entry = entries.get(name);
        if (entry == null) {
            return List.of(session.run(asked, injected));
        }
        return entry.launcher().launch(new Launch(this, entry, session, asked, injected, out, stop));
    }

    @Override
    public String toString() {
        return "LauncherCatalog" + entries.keySet();
    }
}
