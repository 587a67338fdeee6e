package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.Definitions;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import java.util.List;

/**
 * The tree of {@code sluice} commands: the definition at each path (built when asked for, so that
 * a run builds only the root's and its own command's) and the command to run for a parsed line.
 */
final class Commands implements Definitions {
    /** The program's name, the root of every qualified command name. */
    static final String NAME = "sluice";

    @Override
    public CommandDef define(List<String> path) {
        return switch (path.size()) {
            case 0 -> root();
            case 1 -> switch (path.get(0)) {
                case "run" -> RunCommand.definition();
                case "runs" -> RunsCommand.definition();
                case "serve" -> ServeCommand.definition();
                case "worker" -> WorkerCommand.definition();
                case "pipelines" -> PipelinesCommand.definition();
                case "groups" -> GroupsCommand.definition();
                case "viz" -> VizCommand.definition();
                case "export" -> ExportCommand.definition();
                case "catalog" -> CatalogCommand.definition();
                case "engines" -> EnginesCommand.definition();
                case "runners" -> RunnersCommand.definition();
                case "new" -> NewCommand.definition();
                case "clean" -> CleanCommand.definition();
                case "package" -> PackageCommand.definition();
                case "help" -> HelpCommand.definition();
                case "completion" -> CompletionCommand.definition();
                case "jshell" -> JshellCommand.definition();
                default -> null;
            };
            case 2 -> switch (path.get(0)) {
                case "runs" -> switch (path.get(1)) {
                    case "list" -> RunsCommand.ListRuns.definition();
                    case "show" -> RunsCommand.Show.definition();
                    case "cancel" -> RunsCommand.Cancel.definition();
                    default -> null;
                };
                case "pipelines" -> switch (path.get(1)) {
                    case "list" -> PipelinesCommand.ListPipelines.definition();
                    case "describe" -> PipelinesCommand.Describe.definition();
                    case "export" -> PipelinesCommand.Export.definition();
                    default -> null;
                };
                case "catalog" -> switch (path.get(1)) {
                    case "list" -> CatalogCommand.ListEntries.definition();
                    case "resolve" -> CatalogCommand.Resolve.definition();
                    default -> null;
                };
                case "runners" -> switch (path.get(1)) {
                    case "list" -> RunnersCommand.ListRunners.definition();
                    case "describe" -> RunnersCommand.Describe.definition();
                    default -> null;
                };
                case "engines" -> switch (path.get(1)) {
                    case "list" -> EnginesCommand.ListEngines.definition();
                    case "describe" -> EnginesCommand.Describe.definition();
                    case "ping" -> EnginesCommand.Ping.definition();
                    default -> null;
                };
                case "completion" -> switch (path.get(1)) {
                    case "bash", "zsh" -> CompletionCommand.shellDefinition(path.get(1));
                    case "names" -> CompletionNames.definition();
                    default -> null;
                };
                default -> null;
            };
            default -> null;
        };
    }

    private static CommandDef root() {
        return CommandDef.of(NAME, "Run and inspect the pipelines of a Sluice project.")
                .withOptions(GlobalOptions.definitions())
                .withSubcommands("run", "runs", "serve", "worker", "pipelines", "groups", "export", "viz", "catalog",
                        "engines", "runners", "new", "clean", "package", "jshell", "completion", "help")
                .withFooter("", "Environment:",
                        "  SLUICE_ENV        config environment when --env is not given (default: local)",
                        "  SLUICE_CONF_JSON  config overrides as JSON, under --conf-json (see --conf-json)",
                        "  SLUICE_JAVA_OPTS  JVM options for bin/sluice (see README)");
    }

    /** The command {@code parsed} asks for; a group without its subcommand is bad usage. */
    Command create(SluiceMain root, ParsedArgs parsed) {
        if (parsed.request() == ParsedArgs.Request.HELP) {
            return new HelpCommand(root, this, parsed.path());
        }
        if (parsed.request() == ParsedArgs.Request.VERSION) {
            return new VersionCommand(root);
        }
        List<String> path = parsed.path();
        if (path.isEmpty()) {
            throw new UsageException(NAME,
                    "Missing command: run, runs, pipelines, groups, export, viz, catalog, engines, runners, serve, worker, "
                            + "clean, package, new, jshell or completion.",
                    null);
        }
        String sub = path.size() > 1 ? path.get(1) : "";
        return switch (path.get(0)) {
            case "run" -> new RunCommand(root, parsed);
            case "serve" -> new ServeCommand(root, parsed);
            case "worker" -> new WorkerCommand(root, parsed);
            case "new" -> new NewCommand(root, parsed);
            case "clean" -> new CleanCommand(root, parsed);
            case "package" -> new PackageCommand(root, parsed);
            case "groups" -> new GroupsCommand(root, parsed);
            case "viz" -> new VizCommand(root, parsed);
            case "export" -> new ExportCommand(root, parsed);
            case "help" -> new HelpCommand(root, this, parsed.params());
            case "jshell" -> new JshellCommand(root, parsed);
            case "completion" -> switch (sub) {
                case "bash", "zsh" -> new CompletionCommand(root, this, sub);
                case "names" -> new CompletionNames(root, parsed);
                default -> throw missingSubcommand("completion", "bash, zsh or names");
            };
            case "runs" -> switch (sub) {
                case "list" -> new RunsCommand.ListRuns(root, parsed);
                case "show" -> new RunsCommand.Show(root, parsed);
                case "cancel" -> new RunsCommand.Cancel(root, parsed);
                default -> throw missingSubcommand("runs", "list, show or cancel");
            };
            case "pipelines" -> switch (sub) {
                case "list" -> new PipelinesCommand.ListPipelines(root, parsed);
                case "describe" -> new PipelinesCommand.Describe(root, parsed);
                case "export" -> new PipelinesCommand.Export(root, parsed);
                default -> throw missingSubcommand("pipelines", "list, describe or export");
            };
            case "catalog" -> switch (sub) {
                case "list" -> new CatalogCommand.ListEntries(root, parsed);
                case "resolve" -> new CatalogCommand.Resolve(root, parsed);
                default -> throw missingSubcommand("catalog", "list or resolve");
            };
            case "runners" -> switch (sub) {
                case "list" -> new RunnersCommand.ListRunners(root, parsed);
                case "describe" -> new RunnersCommand.Describe(root, parsed);
                default -> throw missingSubcommand("runners", "list or describe");
            };
            case "engines" -> switch (sub) {
                case "list" -> new EnginesCommand.ListEngines(root, parsed);
                case "describe" -> new EnginesCommand.Describe(root, parsed);
                case "ping" -> new EnginesCommand.Ping(root, parsed);
                default -> throw missingSubcommand("engines", "list, describe or ping");
            };
            default -> throw new IllegalStateException("no command " + path);
        };
    }

    private static UsageException missingSubcommand(String group, String choices) {
        return new UsageException(NAME + " " + group, "Missing subcommand: " + choices + ".", null);
    }
}
