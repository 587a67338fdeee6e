package io.sluice.launch.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One action of a {@code checks} launcher's {@code after} list. */
sealed interface AfterAction {

    /** When it runs. */
    ChecksConfig.When when();

    /** What it is, for messages: {@code command [bin/notify.sh]}, {@code hook com.acme.Notify}. */
    String describe();

    /**
     * Carries it out.
     *
     * @param env the launcher's environment, which a command gets with the SLUICE_* variables added
     * @throws Exception why it failed, with what the command printed
     */
    void run(RunOutcome outcome, Path projectDir, Map<String, String> env) throws Exception;

    /** {@code command: [...]}: exits 0 within {@code timeout}; it gets the outcome in SLUICE_* variables. */
    record Command(List<String> argv, Duration timeout, ChecksConfig.When when) implements AfterAction {
        @Override
        public String describe() {
            return "command " + argv;
        }

        @Override
        public void run(RunOutcome outcome, Path projectDir, Map<String, String> env) {
            Map<String, String> withOutcome = new LinkedHashMap<>(env);
            List<String> ids = outcome.runIds();
            withOutcome.put("SLUICE_RUN_ID", ids.isEmpty() ? "" : ids.get(ids.size() - 1));
            withOutcome.put("SLUICE_RUN_IDS", String.join(" ", ids));
            withOutcome.put("SLUICE_RUN_STATE", outcome.state());
            withOutcome.put("SLUICE_PIPELINE", outcome.spec().pipeline());
            withOutcome.put("SLUICE_ENV", outcome.env());
            withOutcome.put("SLUICE_LAUNCHER", outcome.launcher());
            Commands.Result r = Commands.run(argv, projectDir, withOutcome, timeout);
            if (!r.ok()) {
                throw new IllegalStateException(describe() + " " + r.problem(timeout));
            }
        }
    }

    /** {@code hook: com.acme.Notify}: an {@link AfterRun} created once per session. */
    record Hook(String className, AfterRun hook, ChecksConfig.When when) implements AfterAction {
        @Override
        public String describe() {
            return "hook " + className;
        }

        @Override
        public void run(RunOutcome outcome, Path projectDir, Map<String, String> env) throws Exception {
            hook.afterRun(outcome);
        }
    }
}
