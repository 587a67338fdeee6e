package io.sluice.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A project's configuration for one environment, loaded by {@link ConfigLoader}: immutable,
 * thread-safe, and resolved (no {@code ${...}} is left, except literal ones written as
 * {@code $${...}}).
 *
 * <h2>Files</h2>
 * Config is read from {@code conf/base} and {@code conf/<env>}. The files of kind {@code K}
 * are the {@code .yml}/{@code .yaml} files of an environment directory matching Kedro's
 * patterns {@code K*}, {@code K*}{@code /**}{@code /*} and {@code **}{@code /K*}: a file
 * whose name starts with {@code K} at any depth, or any file below a top-level directory whose
 * name starts with {@code K} ({@code catalog.yml}, {@code catalog_eu.yml},
 * {@code catalog/raw.yml}, {@code pipelines/x/parameters.yml}). The same patterns serve every
 * kind, {@code globals} included, so a file may belong to several kinds (a {@code catalog*}
 * kind name also matches {@code catalog_extra.yml}). Files and directories whose name starts
 * with {@code .} are ignored (editor and VCS leftovers); names starting with {@code _} are read
 * like any other. Every file must hold a mapping (or be empty).
 *
 * <h2>Merging</h2>
 * <ul>
 *   <li>Within one environment, the files of a kind are combined by top-level key; the same
 *       top-level key in two files is an error naming both places.</li>
 *   <li>The environment overrides base <em>per top-level key, destructively</em> (Kedro's
 *       default): if {@code conf/local/parameters.yml} defines {@code model: {lr: 0.2}}, the
 *       whole {@code model} mapping of base is replaced, and keys of base's {@code model} not
 *       repeated in local are gone. Nothing is merged below the top level.</li>
 *   <li>Runtime params (from {@code --params}) are then applied to parameters at their dotted
 *       path, deeply: {@code model.lr=0.3} replaces only {@code model.lr} and creates mappings
 *       as needed. A path through a scalar or list is an error.</li>
 * </ul>
 *
 * <h2>Interpolation</h2>
 * After merging (and after runtime params for parameters), each kind is resolved on its own:
 * <ul>
 *   <li>{@code ${a.b}} refers to another key of the same kind (after the env override, so
 *       base values see env's, and after runtime params, so {@code ${lr}} sees
 *       {@code --params lr=0.3}; runtime param values are interpolated like written ones).
 *       Numeric segments index lists. There are no relative ({@code ${.x}}) references.</li>
 *   <li>{@code ${globals:a.b}} and {@code ${globals:a.b, default}} read the resolved globals.</li>
 *   <li>{@code ${env:VAR}} and {@code ${env:VAR, default}} read environment variables; the
 *       value (and the default) is always a string.</li>
 *   <li>{@code ${runtime_params:a.b}} and {@code ${runtime_params:a.b, default}} read the
 *       runtime params.</li>
 *   <li>Defaults are typed like plain YAML scalars ({@code 5} is an int) unless quoted, and may
 *       themselves contain interpolations.</li>
 *   <li>A value that is exactly one interpolation keeps the referenced type (int, boolean, a
 *       whole mapping or list); interpolations embedded in text produce a string.</li>
 *   <li>{@code $${...}} is an escape: it yields a literal {@code ${...}}.</li>
 *   <li>Unknown references, unset variables and reference cycles are errors located at the
 *       value that holds them. Keys are never interpolated.</li>
 * </ul>
 *
 * <h2>Template keys</h2>
 * Top-level keys starting with {@code _} (such as {@code _base_path} or a {@code _csv} anchor)
 * can be referenced and are then removed from the result of every kind except
 * {@code parameters} and {@code globals}, as Kedro does for the catalog.
 */
public final class ProjectConfig {
    /** The kind name of {@code catalog*} files. */
    public static final String CATALOG = "catalog";
    /** The kind name of {@code parameters*} files. */
    public static final String PARAMETERS = "parameters";
    /** The kind name of {@code credentials*} files. */
    public static final String CREDENTIALS = "credentials";
    /** The kind name of {@code globals*} files. */
    public static final String GLOBALS = "globals";

    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]*");

    private final Path projectDir;
    private final String env;
    private final Map<String, Object> runtimeParams;
    private final ConfigMap globals;
    private final ConfigMap catalog;
    private final ConfigMap parameters;
    private final ConfigMap credentials;
    private final ConfigLoader.KindResolver resolver;
    private final Map<String, ConfigMap> otherKinds = new HashMap<>();
    private final ParamReads reads;

    ProjectConfig(Path projectDir, String env, Map<String, Object> runtimeParams, ConfigMap globals,
            ConfigLoader.KindResolver resolver, ParamReads reads) {
        this.reads = reads;
        this.projectDir = projectDir;
        this.env = env;
        this.runtimeParams = runtimeParams;
        this.globals = globals;
        this.resolver = resolver;
        this.catalog = resolver.resolve(CATALOG);
        this.parameters = resolver.resolve(PARAMETERS);
        this.credentials = resolver.resolve(CREDENTIALS);
    }

    /** The environment layered over base, e.g. {@code local}. */
    public String env() {
        return env;
    }

    /** The project root (absolute, normalised). */
    public Path projectDir() {
        return projectDir;
    }

    /** {@code <projectDir>/conf}. */
    public Path confDir() {
        return projectDir.resolve("conf");
    }

    /** The resolved catalog, without {@code _} template keys. */
    public ConfigMap catalog() {
        return catalog;
    }

    /** The resolved parameters, with runtime params applied. */
    public ConfigMap parameters() {
        return parameters;
    }

    /** The resolved credentials, without {@code _} template keys. */
    public ConfigMap credentials() {
        return credentials;
    }

    /** The resolved globals. */
    public ConfigMap globals() {
        return globals;
    }

    /** The runtime params this config was loaded with, by dotted key, in the order given. */
    public Map<String, Object> runtimeParams() {
        return runtimeParams;
    }

    /**
     * The runtime params this config read while it was loaded: the keys of its
     * {@code ${runtime_params:key}} interpolations (whether the param was given or the default
     * used), each with where it is first written. Covers globals, catalog, parameters,
     * credentials and the kinds {@link #get} loaded so far. A value given for one of these keys
     * takes effect when the config is loaded, not in a run of an already compiled session.
     */
    public Map<String, Location> runtimeParamsRead() {
        return reads.atLoad();
    }

    /**
     * The keys of the {@code ${run:key}} placeholders in this config (kept for each run to
     * resolve from its own parameters), each with where it is first written; the same kinds as
     * {@link #runtimeParamsRead()}.
     */
    public Map<String, Location> runParamsRead() {
        return reads.perRun();
    }

    /**
     * The resolved config of any kind, e.g. {@code get("runners")} for {@code runners*.yml};
     * an empty mapping when no file matches. Kinds other than the four above are loaded on first
     * request and cached.
     *
     * @param kind letters, digits, {@code _} and {@code -}
     * @throws ConfigException          if that kind's files are invalid
     * @throws IllegalArgumentException if {@code kind} is not a valid kind name
     */
    public ConfigMap get(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("invalid config kind \"" + kind
                    + "\": use letters, digits, '_' and '-', e.g. \"runners\"");
        }
        switch (kind) {
            case CATALOG:
                return catalog;
            case PARAMETERS:
                return parameters;
            case CREDENTIALS:
                return credentials;
            case GLOBALS:
                return globals;
            default:
                synchronized (otherKinds) {
                    ConfigMap cached = otherKinds.get(kind);
                    if (cached == null) {
                        cached = resolver.resolve(kind);
                        otherKinds.put(kind, cached);
                    }
                    return cached;
                }
        }
    }

    @Override
    public String toString() {
        return "ProjectConfig[" + projectDir + ", env=" + env + "]";
    }
}
