package io.sluice.server;

import io.sluice.config.ConfigMap;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;

/**
 * The {@code serve} launcher type: kedro-boot's embedded mode. {@code sluice run --runner api}
 * compiles the session, then serves its pipelines over HTTP ({@link SluiceServer}) until stopped
 * instead of running once; {@code sluice serve} launches the same way.
 *
 * <pre>{@code
 * # conf/base/runners.yml
 * api:
 *   launcher: serve
 *   wraps: parallel4          # the runner of served runs (default: the entry 'default')
 *   port: 9000                # any key of server.yml, over server.yml
 *   pipelines: [scoring]
 *   max_concurrent_runs: 32
 *   runners: [sequential]     # entries a request may also pick with ?runner=NAME
 * }</pre>
 *
 * The entry's keys are server.yml's, bound by the same binding (same names, types, errors at
 * {@code file:line} with "did you mean"); each replaces the whole value of that key in
 * server.yml. A serve entry wraps a runner, never another launcher: a request makes exactly one
 * run, and its response is that run's outputs.
 */
public final class ServeLauncherType implements LauncherType<ServerConfig.ServerYml> {

    /** The short name written in {@code runners.yml}. */
    public static final String NAME = "serve";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ServerConfig.ServerYml> configType() {
        return ServerConfig.ServerYml.class;
    }

    @Override
    public ServerConfig.ServerYml defaults() {
        return ServerConfig.ServerYml.of(ServerConfig.defaults());
    }

    @Override
    public ConfigMap normalize(ConfigMap args) {
        return ServerConfig.normalizeWarmUp(args);
    }

    @Override
    public boolean wrapsLaunchers() {
        return false;
    }

    @Override
    public Launcher create(LauncherConfig<ServerConfig.ServerYml> config) {
        return new ServeLauncher(config.written());
    }
}
