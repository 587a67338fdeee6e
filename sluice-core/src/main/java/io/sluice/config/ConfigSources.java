package io.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The YAML files of {@code conf/base} and {@code conf/<env>}, parsed at most once each, and
 * merged per kind: within one environment a top-level key may be defined once; the environment
 * then replaces base per top-level key.
 */
final class ConfigSources {
    static final String BASE = "base";

    private final Path confDir;
    private final String env;
    private final List<Path> baseFiles;
    private final List<Path> envFiles;
    private final Map<String, ConfigMap> parsed = new HashMap<>();

    private ConfigSources(Path confDir, String env, List<Path> baseFiles, List<Path> envFiles) {
        this.confDir = confDir;
        this.env = env;
        this.baseFiles = baseFiles;
        this.envFiles = envFiles;
    }

    /**
     * Lists the files of base and {@code env}.
     *
     * @throws ConfigException if conf/base is missing, or conf/env is missing for an env other
     *                         than {@code local}
     */
    static ConfigSources open(Path projectDir, String env) {
        if (env.isBlank() || env.startsWith(".") || env.contains("/") || env.contains("\\")) {
            throw new ConfigException(Location.of("conf"), "invalid environment name \"" + env + "\"",
                    "Use the name of a directory under conf/, e.g. local.");
        }
        Path confDir = projectDir.resolve("conf");
        if (!Files.isDirectory(confDir.resolve(BASE))) {
            throw new ConfigException(Location.of("conf/" + BASE), "the base config directory does not exist",
                    "Create conf/" + BASE + " (it may be empty) in the project directory " + projectDir + ".");
        }
        Path envDir = confDir.resolve(env);
        if (!Files.isDirectory(envDir) && !env.equals(ConfigLoader.DEFAULT_ENV)) {
            List<String> existing = environments(confDir);
            throw new ConfigException(Location.of("conf/" + env),
                    "the config environment \"" + env + "\" does not exist",
                    existing.isEmpty()
                            ? "Create conf/" + env + "; there is no environment besides base yet."
                            : "Create conf/" + env + ", or use one of the existing environments: "
                                    + String.join(", ", existing) + ".");
        }
        List<Path> baseFiles = ConfigFiles.yamlFiles(confDir.resolve(BASE));
        List<Path> envFiles = env.equals(BASE) ? List.of() : ConfigFiles.yamlFiles(envDir);
        return new ConfigSources(confDir, env, baseFiles, envFiles);
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
        Location location = sources.size() == 1 ? sources.get(0).location() : Location.of("conf");
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
        return new ConfigMap(Location.of("conf/" + envName), entries, keys);
    }

    private ConfigMap parse(String envName, Path rel) {
        String shown = "conf/" + envName + "/" + ConfigFiles.slashed(rel);
        return parsed.computeIfAbsent(shown,
                s -> ConfigYaml.parseMapFile(confDir.resolve(envName).resolve(rel), s));
    }

    private static List<String> environments(Path confDir) {
        if (!Files.isDirectory(confDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(confDir)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(BASE) && !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
