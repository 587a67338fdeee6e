package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.session.Session;
import io.sluice.temporal.TemporalType;
import io.sluice.temporal.TemporalWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice worker --runner NAME [--env E]}: compiles the project once and executes the group
 * activities of the {@code temporal} entry NAME's runs until SIGTERM or Ctrl-C, then stops
 * polling and lets running groups finish (at most {@value #GRACE_SECONDS} s).
 */
final class WorkerCommand implements Command {
    static final int GRACE_SECONDS = 30;

    private final SluiceMain root;
    final String runner;
    final String env;

    WorkerCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        runner = args.value("--runner", TemporalType.NAME);
        env = EnvOption.value(args);
    }

    static CommandDef definition() {
        return CommandDef.of("worker", "Execute the groups of distributed runs (a temporal entry of runners.yml) "
                                + "until stopped (SIGTERM or Ctrl-C).",
                        "The worker compiles the project once and polls the entry's task queue; start as many as you "
                                + "like, on any machine that reaches the Temporal server and the project's data. "
                                + "On SIGTERM it takes no new group and gives running ones " + GRACE_SECONDS
                                + " s to finish; Temporal retries an unfinished group on another worker.")
                .withOptions(List.of(
                        OptionDef.value("--runner", "NAME", "The temporal entry of runners.yml whose runs to execute "
                                + "(default: " + TemporalType.NAME + ")."),
                        EnvOption.definition()))
                .withOptionsInDeclarationOrder();
    }

    @Override
    public int call() throws Exception {
        try (Session session = root.openSession(env, Map.of(), true)) {
            TemporalEntries.Found entry = TemporalEntries.find(session, runner);
            Launches.untilStopped(root.stop, session, () -> {
                TemporalWorker.serve(session, entry.name(), entry.config(), root.out, root.stop,
                        Duration.ofSeconds(GRACE_SECONDS));
                return null;
            });
        }
        return 0;
    }
}
