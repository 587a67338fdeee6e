package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.config.ProjectConfig;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.LauncherEntry;
import io.sluice.runner.RunnerCatalog;
import io.sluice.runner.RunnerEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice runners list|describe}: the named runners of {@code runners.yml} for an
 * environment, and the built-in ones, read without compiling the pipelines.
 */
final class RunnersCommand {

    private RunnersCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("runners", "List and describe the named runners and launchers of runners.yml (and the built-in runners).")
                .withSubcommands("list", "describe");
    }

    /** The runners and launchers of {@code env}, built from the project's configuration; runs nothing. */
    record Catalogs(RunnerCatalog runners, LauncherCatalog launchers) implements AutoCloseable {
        @Override
        public void close() {
            runners.close();
        }
    }

    static Catalogs open(SluiceMain root, String env) {
        ProjectConfig config = ConfigSections.load(root, env);
        RunnerCatalog runners = RunnerCatalog.fromConfig(config.get(RunnerCatalog.KIND), config.credentials(),
                ConfigSections.projectLoader());
        try {
            return new Catalogs(runners, LauncherCatalog.fromConfig(config.get(RunnerCatalog.KIND),
                    config.credentials(), ConfigSections.projectLoader(), runners));
        } catch (RuntimeException e) {
            runners.close();
            throw e;
        }
    }

    /** {@code sluice runners list}. */
    static final class ListRunners implements Command {
        private final SluiceMain root;
        final String env;

        ListRunners(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
        }

        static CommandDef definition() {
            return CommandDef.of("list", "List the runners and launchers, sorted by name: type, policy or what a "
                            + "launcher wraps, where declared.")
                    .withOptions(List.of(EnvOption.definition()));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Catalogs catalogs = open(root, env)) {
                Map<String, String[]> rows = new java.util.TreeMap<>();
                for (Map.Entry<String, RunnerEntry> e : catalogs.runners().entries().entrySet()) {
                    RunnerEntry entry = e.getValue();
                    String where = entry.declaredAt();
                    if (!e.getKey().equals(entry.name())) {
                        where = "built in (the " + entry.name() + " runner)";
                    }
                    rows.put(e.getKey(), new String[] {e.getKey(), entry.type(), policy(entry), where});
                }
                for (LauncherEntry l : catalogs.launchers().entries().values()) {
                    rows.put(l.name(), new String[] {l.name(), "launcher " + l.type(), "wraps " + l.wraps(),
                        l.declaredAt()});
                }
                List<String[]> table = new ArrayList<>();
                table.add(new String[] {"NAME", "TYPE", "POLICY / WRAPS", "DECLARED AT"});
                table.addAll(rows.values());
                Table.print(out, table);
            }
            out.flush();
            return 0;
        }

        private static String policy(RunnerEntry entry) {
            List<String> parts = new ArrayList<>();
            if (!entry.policy().retry().isEmpty()) {
                parts.add(entry.policy().retry().size() + " retry");
            }
            if (!entry.policy().timeout().isEmpty()) {
                parts.add(entry.policy().timeout().size() + " timeout");
            }
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
    }

    /** {@code sluice runners describe NAME}. */
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
            return CommandDef.of("describe", "Show a runner's bound configuration and run policy (a launcher's "
                            + "configuration and the entry it wraps) as JSON.")
                    .withOptions(List.of(EnvOption.definition()))
                    .withParams(ParamDef.required("NAME", "The runner, as named in runners.yml or built in."));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Catalogs catalogs = open(root, env)) {
                LauncherEntry launcher = catalogs.launchers().find(name);
                if (launcher != null) {
                    ConfigSections.printJson(out, launcher.describe(), "launcher '" + name + "'");
                    out.flush();
                    return 0;
                }
                RunnerCatalog runners = catalogs.runners();
                Map<String, Object> description = runners.entry(name).describe();
                if (!name.equals(description.get("name"))) {
                    description = new java.util.LinkedHashMap<>(description);
                    description.put("name", name);
                    description.put("declared_at", RunnerEntry.BUILT_IN + " (the " + runners.entry(name).name()
                            + " runner)");
                }
                ConfigSections.printJson(out, description, "runner '" + name + "'");
            }
            out.flush();
            return 0;
        }
    }
}
