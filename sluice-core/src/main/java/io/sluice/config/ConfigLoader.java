package io.sluice.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a project's configuration from {@code <projectDir>/conf/base} and
 * {@code <projectDir>/conf/<env>}, in the manner of Kedro's {@code OmegaConfigLoader}, with
 * errors that give file, line and column. See {@link ProjectConfig} for the rules.
 */
public final class ConfigLoader {
    /** The environment used when none is given; its directory may be missing. */
    public static final String DEFAULT_ENV = "local";

    private ConfigLoader() {}

    /**
     * Loads with the process environment variables for {@code ${env:...}}.
     *
     * @see #load(Path, String, Map, Map)
     */
    public static ProjectConfig load(Path projectDir, String env, Map<String, Object> runtimeParams) {
        return load(projectDir, env, runtimeParams, System.getenv());
    }

    /**
     * Loads and resolves globals, catalog, parameters and credentials; other kinds are loaded on
     * first {@link ProjectConfig#get(String)}.
     *
     * @param projectDir    the project root, holding {@code conf/}
     * @param env           the environment layered over base; {@code null} or blank means
     *                      {@value #DEFAULT_ENV}
     * @param runtimeParams parameter overrides by dotted key (see {@link RuntimeParams}); may be
     *                      {@code null}
     * @param envVars       the source of {@code ${env:...}}
     * @throws ConfigException for any problem in the config, located at file:line:column
     */
    public static ProjectConfig load(Path projectDir, String env, Map<String, Object> runtimeParams,
            Map<String, String> envVars) {
        return load(ConfigInput.PROJECT, projectDir, env, runtimeParams, envVars);
    }

    /**
     * Loads as {@link #load(Path, String, Map, Map)} does, from {@code input}: its source instead
     * of {@code <projectDir>/conf} (the project directory still anchors relative data paths),
     * its overrides layered over the environment (see {@link ConfigOverrides}).
     *
     * @throws ConfigException for any problem in the config, located at file:line:column (inside
     *                         an archive {@code archive!/path:line:column}, in JSON
     *                         {@code --conf-json:line:column})
     */
    public static ProjectConfig load(ConfigInput input, Path projectDir, String env,
            Map<String, Object> runtimeParams, Map<String, String> envVars) {
        Path dir = projectDir.toAbsolutePath().normalize();
        String envName = env == null || env.isBlank() ? DEFAULT_ENV : env;
        Map<String, Object> params = Collections.unmodifiableMap(
                new LinkedHashMap<>(runtimeParams == null ? Map.of() : runtimeParams));
        Map<String, String> vars = Map.copyOf(envVars);

        ConfigSources sources = ConfigSources.open(input.sourceFor(dir).tree(), envName, input.overrides());
        ConfigMap paramsTree = ParamOverrides.apply(ConfigMap.empty(ParamOverrides.ORIGIN), params, "runtime params");
        ParamReads reads = new ParamReads();
        ConfigMap globals = new Interpolator(ProjectConfig.GLOBALS, sources.merged(ProjectConfig.GLOBALS), null,
                paramsTree, vars, reads).resolveAll();
        KindResolver resolver = kind -> {
            ConfigMap raw = sources.merged(kind);
            boolean isParameters = kind.equals(ProjectConfig.PARAMETERS);
            if (isParameters) {
                raw = ParamOverrides.apply(raw, params, kind);
            }
            ConfigMap resolved = new Interpolator(kind, raw, globals, paramsTree, vars, reads).resolveAll();
            return isParameters ? resolved : ConfigValues.withoutTemplateKeys(resolved);
        };
        return new ProjectConfig(dir, envName, params, globals, resolver, reads);
    }

    /** Loads one kind other than globals. */
    @FunctionalInterface
    interface KindResolver {
        ConfigMap resolve(String kind);
    }
}
