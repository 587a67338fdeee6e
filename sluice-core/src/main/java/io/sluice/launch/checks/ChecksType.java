package io.sluice.launch.checks;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfiguredClass;
import io.sluice.config.Location;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.launch.LauncherType;
import io.sluice.runner.RunnerConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in {@code checks} launcher: checks before the wrapped run that refuse to run when one
 * fails, and actions after it.
 *
 * <pre>{@code
 * guarded:
 *   launcher: checks
 *   wraps: default
 *   before:                                   # all run, in order; every failure is reported; nothing runs if one fails
 *     - git_clean: true                       # no uncommitted changes in the project directory
 *     - env: [DATABASE_URL, API_TOKEN]        # set and not empty (values are never printed)
 *     - command: [bin/validate.sh, --strict]  # exits 0 within timeout (default 60s); no shell
 *       timeout: 30s
 *     - datasets_exist: [companies]           # catalog datasets whose data exists
 *   after:                                    # after the wrapped run(s), in order
 *     - command: [bin/notify.sh]              # gets SLUICE_RUN_ID, SLUICE_RUN_IDS, SLUICE_RUN_STATE, SLUICE_PIPELINE,
 *       when: always                          #   SLUICE_ENV, SLUICE_LAUNCHER; when: always | success (default) | failure
 *     - hook: com.acme.Notify                 # a class implementing AfterRun
 *       args: {channel: data-team}            # bound to the record its public constructor takes
 * }</pre>
 *
 * <p>Commands run with the project directory as working directory and the launcher's environment
 * (the process's own unless built with another).
 */
public final class ChecksType implements LauncherType<ChecksConfig> {
    private final Map<String, String> env;

    /** The type the class path registers: checks and commands see the process's environment. */
    public ChecksType() {
        this(System.getenv());
    }

    /** A type whose launchers see {@code env} as the environment (for tests and embedding applications). */
    public ChecksType(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public String name() {
        return "checks";
    }

    @Override
    public Class<ChecksConfig> configType() {
        return ChecksConfig.class;
    }

    @Override
    public ChecksConfig defaults() {
        return ChecksConfig.DEFAULTS;
    }

    @Override
    public Launcher create(LauncherConfig<ChecksConfig> config) {
        ChecksConfig args = config.args();
        if (args.before().isEmpty() && args.after().isEmpty()) {
            throw new RunnerConfigException(config.location() + ": launcher '" + config.name() + "' (checks) has "
                    + "neither 'before' nor 'after'. Add e.g. 'before: [{git_clean: true}]', or use the runner '"
                    + config.wraps() + "' directly.");
        }
        List<Check> before = args.before().stream().map(Check::of).toList();
        List<AfterAction> after = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ChecksConfig.AfterItem item : args.after()) {
            ChecksConfig.When when = item.when().orElse(ChecksConfig.When.SUCCESS);
            if (item.command().isPresent()) {
                after.add(new AfterAction.Command(item.command().get(), item.timeout().orElse(Check.DEFAULT_TIMEOUT),
                        when));
                continue;
            }
            try {
                after.add(hook(config, item, when));
            } catch (RunnerConfigException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new RunnerConfigException(String.join("\n", errors));
        }
        return new ChecksLauncher(config.name(), before, after, env);
    }

    private static AfterAction hook(LauncherConfig<ChecksConfig> config, ChecksConfig.AfterItem item,
                                    ChecksConfig.When when) {
        String className = (String) item.hook().orElseThrow().value();
        Location at = item.hook().get().location();
        ConfigMap hookArgs = item.args().orElse(ConfigMap.empty(at));
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : ChecksType.class.getClassLoader();
        String subject = at + ": launcher '" + config.name() + "' (checks) has the after hook '" + className + "'";
        ConfiguredClass<AfterRun> created = ConfiguredClass.create(className, AfterRun.class, hookArgs, loader,
                new ConfiguredClass.Entry("after hook of launcher", config.name(), subject, at, RunnerConfigException::new));
        return new AfterAction.Hook(className, created.instance(), when);
    }
}
