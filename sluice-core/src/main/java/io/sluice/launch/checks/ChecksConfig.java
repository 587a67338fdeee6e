package io.sluice.launch.checks;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of a {@code checks} launcher entry in {@code runners.yml}: checks {@code before}
 * the wrapped run, actions {@code after} it.
 *
 * @param before every check runs, in order; if one fails nothing runs and all failures are reported together
 * @param after  actions run after the wrapped run(s) ended, in order
 */
public record ChecksConfig(List<BeforeItem> before, List<AfterItem> after) {
    static final ChecksConfig DEFAULTS = new ChecksConfig(List.of(), List.of());

    /**
     * One item of {@code before}: exactly one check kind, e.g. {@code - git_clean: true},
     * {@code - env: [DATABASE_URL]}, {@code - command: [bin/validate.sh]} (with an optional
     * {@code timeout}), {@code - datasets_exist: [companies]}.
     *
     * @param gitClean      refuse when the project directory has uncommitted changes ({@code false}: skip)
     * @param env           environment variables that must be set and not empty
     * @param command       argv of a command that must exit 0 (no shell), run in the project directory
     * @param timeout       how long the command may take (default 60s)
     * @param datasetsExist catalog datasets that must exist
     */
    public record BeforeItem(Optional<Boolean> gitClean, Optional<List<String>> env, Optional<List<String>> command,
                             Optional<Duration> timeout, Optional<List<String>> datasetsExist) {
        public BeforeItem {
            List<String> kinds = new ArrayList<>();
            gitClean.ifPresent(x -> kinds.add("git_clean"));
            env.ifPresent(x -> kinds.add("env"));
            command.ifPresent(x -> kinds.add("command"));
            datasetsExist.ifPresent(x -> kinds.add("datasets_exist"));
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("it names no check. Give one of git_clean, env, command, "
                        + "datasets_exist, e.g. '- git_clean: true'");
            }
            if (kinds.size() > 1) {
                throw new IllegalArgumentException("it has " + kinds.size() + " check kinds (" + String.join(", ", kinds)
                        + "). Write each check as its own list item ('- " + kinds.get(0) + ": ...' and '- "
                        + kinds.get(1) + ": ...')");
            }
            if (timeout.isPresent() && command.isEmpty()) {
                throw new IllegalArgumentException("'timeout' applies to a command check only. Remove it");
            }
            if (timeout.isPresent() && timeout.get().isZero()) {
                throw new IllegalArgumentException("timeout must be more than 0s");
            }
            command.ifPresent(BeforeItem::requireArgv);
            env.ifPresent(names -> requireSome(names, "env", "the names of required environment variables, "
                    + "e.g. env: [DATABASE_URL]"));
            datasetsExist.ifPresent(names -> requireSome(names, "datasets_exist", "catalog dataset names, "
                    + "e.g. datasets_exist: [companies]"));
        }

        static void requireArgv(List<String> argv) {
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                throw new IllegalArgumentException("command is empty. Give the program and its arguments as a list, "
                        + "e.g. command: [bin/validate.sh, --strict] (no shell: use [sh, -c, '...'] for one)");
            }
        }

        private static void requireSome(List<String> names, String key, String what) {
            if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(key + " needs " + what);
            }
        }
    }

    /** When an after-action runs. */
    public enum When {
        /** After every launch that ran, whatever its outcome. */
        ALWAYS,
        /** Only when the run(s) succeeded (the default). */
        SUCCESS,
        /** Only when a run failed. */
        FAILURE;

        boolean matches(boolean succeeded) {
            return this == ALWAYS || (this == SUCCESS) == succeeded;
        }
    }

    /**
     * One item of {@code after}: a command or a hook class.
     *
     * @param command argv of a command (no shell), run in the project directory with SLUICE_RUN_ID,
     *                SLUICE_RUN_IDS, SLUICE_RUN_STATE, SLUICE_PIPELINE, SLUICE_ENV and SLUICE_LAUNCHER
     *                in its environment; it must exit 0
     * @param hook    the name of a public class implementing {@link AfterRun}
     * @param args    the hook's arguments, bound to the record its public constructor takes
     * @param when    always, success (default) or failure
     * @param timeout how long the command may take (default 60s)
     */
    public record AfterItem(Optional<List<String>> command, Optional<ConfigScalar> hook, Optional<ConfigMap> args,
                            Optional<When> when, Optional<Duration> timeout) {
        public AfterItem {
            if (command.isPresent() == hook.isPresent()) {
                throw new IllegalArgumentException(command.isPresent()
                        ? "it has both 'command' and 'hook'. Write each action as its own list item"
                        : "it names no action. Give 'command: [program, args...]' or 'hook: com.acme.MyAfterRun'");
            }
            command.ifPresent(BeforeItem::requireArgv);
            if (hook.isPresent() && !(hook.get().value() instanceof String name && !name.isBlank())) {
                throw new IllegalArgumentException("hook must be the name of a class implementing "
                        + AfterRun.class.getName() + ", got '" + hook.get().value() + "'");
            }
            if (args.isPresent() && hook.isEmpty()) {
                throw new IllegalArgumentException("'args' applies to a hook only. Remove it");
            }
            if (timeout.isPresent() && command.isEmpty()) {
                throw new IllegalArgumentException("'timeout' applies to a command only. Remove it");
            }
            if (timeout.isPresent() && timeout.get().isZero()) {
                throw new IllegalArgumentException("timeout must be more than 0s");
            }
        }
    }
}
