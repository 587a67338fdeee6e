package io.sluice.session;

import io.sluice.config.ConfigInput;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a session is compiled from, besides the project's code.
 *
 * @param projectDir    the project root: it holds {@code conf/} and receives {@code .sluice/runs}
 * @param env           the configuration environment layered over {@code conf/base}
 * @param runtimeParams parameter overrides ({@code --params}), keyed by dotted path
 * @param loadArtifactsOnce whether datasets that a pipeline reads but never writes (a model, a
 *                      lookup table) are read once, when the pipeline is first compiled, and
 *                      shared by every run (see {@link io.sluice.io.DataCatalog#loadOnce}); on by
 *                      default, for sessions that run many times. {@code sluice run}, which runs
 *                      once, turns it off so inputs are released after their last reader.
 * @param sharedData    what a run does when another run (of this or another process) holds
 *                      persisted data it reads or writes: wait its turn (the default) or fail at
 *                      once naming the data and the other run; see {@link SharedData}
 * @param config        where the config is read from ({@code --conf-source}) and the overrides
 *                      layered over it ({@code --conf-json}); {@code null} means
 *                      {@code <projectDir>/conf} without overrides
 */
public record SessionOptions(Path projectDir, String env, Map<String, Object> runtimeParams,
                             boolean loadArtifactsOnce, SharedData sharedData, ConfigInput config) {

    /**
     * Runs that share a persisted, unversioned dataset one of them writes never see each other's
     * data: they take turns (shared leases to read, exclusive to write, held from a run's first
     * node to its end). What a run does when it must wait for one:
     */
    public enum SharedData {
        /** Wait until the other run is done (logged when it happens). */
        WAIT,
        /** Fail at once, naming the dataset and the run that holds it. */
        REFUSE
    }

    /** The environment used when neither {@code --env} nor {@code SLUICE_ENV} names one. */
    public static final String DEFAULT_ENV = "local";

    /** Options that load artifacts once and wait for shared data. */
    public SessionOptions(Path projectDir, String env, Map<String, Object> runtimeParams) {
        this(projectDir, env, runtimeParams, true, SharedData.WAIT);
    }

    /** Options that read {@code <projectDir>/conf}. */
    public SessionOptions(Path projectDir, String env, Map<String, Object> runtimeParams, boolean loadArtifactsOnce,
            SharedData sharedData) {
        this(projectDir, env, runtimeParams, loadArtifactsOnce, sharedData, ConfigInput.PROJECT);
    }

    /** Options that wait for shared data. */
    public SessionOptions(Path projectDir, String env, Map<String, Object> runtimeParams, boolean loadArtifactsOnce) {
        this(projectDir, env, runtimeParams, loadArtifactsOnce, SharedData.WAIT);
    }

    public SessionOptions {
        projectDir = projectDir.toAbsolutePath().normalize();
        env = env == null || env.isBlank() ? DEFAULT_ENV : env;
        runtimeParams = Collections.unmodifiableMap(new LinkedHashMap<>(runtimeParams));
        sharedData = sharedData == null ? SharedData.WAIT : sharedData;
        config = config == null ? ConfigInput.PROJECT : config;
    }

    /**
     * Options for {@code projectDir} with the environment from {@code SLUICE_ENV} (or
     * {@value #DEFAULT_ENV}) and no runtime params.
     */
    public static SessionOptions of(Path projectDir) {
        return new SessionOptions(projectDir, System.getenv("SLUICE_ENV"), Map.of());
    }

    public SessionOptions withEnv(String newEnv) {
        return new SessionOptions(projectDir, newEnv, runtimeParams, loadArtifactsOnce, sharedData, config);
    }

    public SessionOptions withRuntimeParams(Map<String, Object> params) {
        return new SessionOptions(projectDir, env, params, loadArtifactsOnce, sharedData, config);
    }

    public SessionOptions withLoadArtifactsOnce(boolean once) {
        return new SessionOptions(projectDir, env, runtimeParams, once, sharedData, config);
    }

    public SessionOptions withSharedData(SharedData policy) {
        return new SessionOptions(projectDir, env, runtimeParams, loadArtifactsOnce, policy, config);
    }

    public SessionOptions withConfig(ConfigInput input) {
        return new SessionOptions(projectDir, env, runtimeParams, loadArtifactsOnce, sharedData, input);
    }
}
