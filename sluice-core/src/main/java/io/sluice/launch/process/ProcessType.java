package io.sluice.launch.process;

import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;

/** The {@code process} launcher type; its keys are {@link ProcessConfig}'s. */
public final class ProcessType implements LauncherType<ProcessConfig> {

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Class<ProcessConfig> configType() {
        return ProcessConfig.class;
    }

    @Override
    public ProcessConfig defaults() {
        return ProcessConfig.DEFAULTS;
    }

    @Override
    public Launcher create(LauncherConfig<ProcessConfig> config) {
        return new ProcessLauncher(config);
    }
}
