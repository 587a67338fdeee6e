package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.config.ProjectConfig;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineHealth;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice engines list|describe|ping}: the engines of {@code engines.yml} for an
 * environment, read without compiling the pipelines (a broken node or catalog entry does not hide
 * the engines), secrets masked in everything printed.
 */
final class EnginesCommand {

    private EnginesCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("engines", "List, describe and check the engines of engines.yml (secrets masked).")
                .withSubcommands("list", "describe", "ping");
    }

    /** The engines of {@code env}, built from the project's configuration; connects nothing. */
    static EngineCatalog open(SluiceMain root, String env) {
        ProjectConfig config = ConfigSections.load(root, env);
        return EngineCatalog.fromConfig(config.get(Session.ENGINES), config.credentials(), root.projectDir(),
                config.env(), ConfigSections.projectLoader());
    }

    /** {@code sluice engines list}. */
    static final class ListEngines implements Command {
        private final SluiceMain root;
        final String env;

        ListEngines(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
        }

        static CommandDef definition() {
            return CommandDef.of("list", "List the engines, sorted by name: type, client type, where declared.")
                    .withOptions(List.of(EnvOption.definition()));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (EngineCatalog engines = open(root, env)) {
                if (engines.names().isEmpty()) {
                    out.println("No engines: conf/base/engines.yml (or conf/" + env + "/engines.yml) declares none.");
                } else {
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"NAME", "TYPE", "CLIENT", "DECLARED AT"});
                    for (String name : engines.names()) {
                        Engine<?> e = engines.find(name).orElseThrow();
                        rows.add(new String[] {name, e.type(), e.clientType().getName(),
                                String.valueOf(e.config().location())});
                    }
                    Table.print(out, rows);
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice engines describe NAME}. */
    static final class Describe implements Command {
        private final SluiceMain root;
        final String env;
        final String name;

        Describe(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
            name = args.param(0, null);
        }

        static CommandDef definition() {
            return CommandDef.of("describe",
                            "Show an engine's configuration as JSON, secrets masked; connects nothing.")
                    .withOptions(List.of(EnvOption.definition()))
                    .withParams(ParamDef.required("NAME", "The engine, as named in engines.yml."));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (EngineCatalog engines = open(root, env)) {
                ConfigSections.printJson(out, engines.describe(name), "engine '" + name + "'");
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice engines ping [NAME...]}: exit 1 when any engine does not answer. */
    static final class Ping implements Command {
        private final SluiceMain root;
        final String env;
        final List<String> names;
        final int timeoutSeconds;

        Ping(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
            names = args.params();
            timeoutSeconds = args.intValue("--timeout", 5);
        }

        static CommandDef definition() {
            return CommandDef.of("ping",
                            "Check that engines answer (all when no NAME is given); exit 1 if any does not.")
                    .withOptions(List.of(EnvOption.definition(), OptionDef.value("--timeout", "SECONDS",
                            "How long each engine may take to answer (default: 5).").ints()))
                    .withParams(ParamDef.any("NAME", "Engines to check, as named in engines.yml."));
        }

        @Override
        public int call() {
            if (timeoutSeconds < 1) {
                throw new SluiceException("--timeout must be at least 1 second, got " + timeoutSeconds + ".");
            }
            PrintWriter out = root.out;
            boolean allUp = true;
            try (EngineCatalog engines = open(root, env)) {
                List<String> chosen = names.isEmpty() ? engines.names() : names;
                if (chosen.isEmpty()) {
                    out.println("No engines to ping: engines.yml declares none.");
                }
                for (EngineHealth health : engines.ping(chosen, Duration.ofSeconds(timeoutSeconds))) {
                    out.println(health);
                    allUp &= health.up();
                }
            }
            out.flush();
            return allUp ? 0 : SluiceMain.EXIT_ERROR;
        }
    }
}
