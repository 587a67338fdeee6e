package io.sluice.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML files of {@code base} and {@code <env>} of a config folder, parsed at most once each,
 * and merged per kind: within one environment a top-level key may be defined once; the
 * environment then replaces base per top-level key, and the {@link ConfigOverrides}
 * ({@code --conf-json}) replace the result per top-level key in turn.
 */
final class ConfigSources {
    static final String BASE = "base";

    private final ConfigTree tree;
    private final String env;
    private final List<Path> baseFiles;
    private final List<Path> envFiles;
    private final ConfigOverrides overrides;
    private final Map<String, ConfigMap> parsed = new HashMap<>();

    private ConfigSources(ConfigTree tree, String env, List<Path> baseFiles, List<Path> envFiles,
            ConfigOverrides overrides) {
        this.tree = tree;
        this.env = env;
        this.baseFiles = baseFiles;
        this.envFiles = envFiles;
        this.overrides = overrides;
    }

    /** The files of {@code <projectDir>/conf}, without overrides. */
    static ConfigSources open(Path projectDir, String env) {
        return open(new DirTree(projectDir.resolve("conf"), "conf"), env, ConfigOverrides.none());
    }

    /**
     * Lists the files of base and {@code env}.
     *
     * @throws ConfigException if base is missing, or env is missing for an env other than
     *                         {@code local}, or an override names a kind no file or component
     *                         knows
     */
    static ConfigSources open(ConfigTree tree, String env, ConfigOverrides overrides) {
        if (env.isBlank() || env.startsWith(".") || env.contains("/") || env.contains("\\")) {
            throw new ConfigException(Location.of(tree.shownAs()), "invalid environment name \"" + env + "\"",
                    "Use the name of a directory under conf/, e.g. local.");
        }
        if (!tree.hasEnv(BASE)) {
            throw new ConfigException(Location.of(tree.shown(BASE)), "the base config directory does not exist",
                    "Create " + tree.shown(BASE) + " (it may be empty)"
                            + (tree instanceof DirTree d && d.shownAs().equals("conf")
                                    ? " in the project directory " + d.dir().getParent() : "") + ".");
        }
        if (!tree.hasEnv(env) && !env.equals(ConfigLoader.DEFAULT_ENV)) {
            List<String> existing = tree.environments();
            throw new ConfigException(Location.of(tree.shown(env)),
                    "the config environment \"" + env + "\" does not exist",
                    existing.isEmpty()
                            ? "Create " + tree.shown(env) + "; there is no environment besides base yet."
                            : "Create " + tree.shown(env) + ", or use one of the existing environments: "
                                    + String.join(", ", existing) + ".");
        }
        List<Path> baseFiles = tree.yamlFiles(BASE);
        List<Path> envFiles = env.equals(BASE) ? List.of() : tree.yamlFiles(env);
        List<Path> all = new ArrayList<>(baseFiles);
        all.addAll(envFiles);
        overrides.checkKinds(all);
        return new ConfigSources(tree, env, baseFiles, envFiles, overrides);
    }

    /** The merged, unresolved config of {@code kind}. */
    synchronized ConfigMap merged(String kind) {
        List<ConfigMap> sources = new ArrayList<>();
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        ConfigMap base = layer(kind, BASE, baseFiles, sources);
        entries.putAll(base.entries());
        keys.putAll(base.keyLocations());
        if (!envFiles.isEmpty()) {
            ConfigMap overlay = layer(kind, env, envFiles, sources);
            entries.putAll(overlay.entries());
            keys.putAll(overlay.keyLocations());
        }
        ConfigMap json = overrides.kind(kind);
        if (json != null) {
            sources.add(json);
            entries.putAll(json.entries());
            keys.putAll(json.keyLocations());
        }
        Location location = sources.size() == 1 ? sources.get(0).location() : Location.of(tree.shownAs());
        return new ConfigMap(location, entries, keys);
    }

    /** The files of {@code kind} in one environment, merged; a key defined twice is an error. */
    private ConfigMap layer(String kind, String envName, List<Path> files, List<ConfigMap> sources) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (Path rel : files) {
            if (!ConfigFiles.matches(kind, rel)) {
                continue;
            }
            ConfigMap file = parse(envName, rel);
            sources.add(file);
            for (String key : file.keys()) {
                Location first = keys.get(key);
                if (first != null) {
                    throw new ConfigException(file.keyLocation(key), "duplicate key \"" + key
                            + "\" in environment \"" + envName + "\": also defined at " + first,
                            "Define each top-level key once per environment.");
                }
                entries.put(key, file.get(key));
                keys.put(key, file.keyLocation(key));
            }
        }
        return new ConfigMap(Location.of(tree.shown(envName)), entries, keys);
    }

    private ConfigMap parse(String envName, Path rel) {
        return parsed.computeIfAbsent(envName + "/" + ConfigFiles.slashed(rel), s -> tree.parse(envName, rel));
    }
}
