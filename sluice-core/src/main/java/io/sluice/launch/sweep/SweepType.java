package io.sluice.launch.sweep;

import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;

/**
 * The {@code sweep} launcher type: one run per parameter set of a grid or a list of sets, a
 * summary table of chosen outputs per set. Its keys are {@link SweepConfig}'s. The grid and sets
 * are checked when the session compiles; what needs the request's pipeline (parameter paths that
 * nothing reads, summary outputs it does not produce, the summary dataset) before the first run.
 */
public final class SweepType implements LauncherType<SweepConfig> {

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public Class<SweepConfig> configType() {
        return SweepConfig.class;
    }

    @Override
    public SweepConfig defaults() {
        return SweepConfig.DEFAULTS;
    }

    @Override
    public Launcher create(LauncherConfig<SweepConfig> config) {
        return new SweepLauncher(config, ParamSets.expand(config));
    }
}
