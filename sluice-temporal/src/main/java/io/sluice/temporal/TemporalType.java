package io.sluice.temporal;

import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;

/** The {@code temporal} launcher type; its keys are {@link TemporalConfig}'s. */
public final class TemporalType implements LauncherType<TemporalConfig> {
    /** The name entries give as {@code launcher:}. */
    public static final String NAME = "temporal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TemporalConfig> configType() {
        return TemporalConfig.class;
    }

    @Override
    public TemporalConfig defaults() {
        return TemporalConfig.DEFAULTS;
    }

    @Override
    public Launcher create(LauncherConfig<TemporalConfig> config) {
        return new TemporalLauncher(config);
    }
}
