package io.sluice.cli.args;

import java.util.List;
import java.util.Map;

/**
 * A small command tree for the parser's tests, shaped like sluice's: a root with inherited
 * options, a leaf with every kind of option, a group with two subcommands, positional params.
 */
final class TestTree implements Definitions {
    static final String ROOT = "tool";

    private final Map<String, CommandDef> commands = Map.of(
            "", CommandDef.of(ROOT, "A tool for tests.")
                    .withOptions(List.of(
                            OptionDef.value("-C, --project", "DIR", "Project directory.").inheritedBySubcommands(),
                            OptionDef.flag("-v, --verbose", "Say more.").inheritedBySubcommands(),
                            OptionDef.flag("-q, --quiet", "Say less.").inheritedBySubcommands(),
                            OptionDef.flag("--root-only", "Not inherited.")))
                    .withSubcommands("run", "runs", "copy")
                    .withFooter("", "Environment:", "  TOOL_ENV  the environment"),
            "run", CommandDef.of("run", "Run something.", "A second paragraph.")
                    .withOptions(List.of(
                            OptionDef.value("-p, --pipeline", "NAME", "The pipeline."),
                            OptionDef.value("--nodes", "NODE", "These nodes.").splitOn(","),
                            OptionDef.value("-t, --tags", "TAG", "These tags.").splitOn(","),
                            OptionDef.value("--params", "KEY=VALUE", "Parameters. Repeatable.").repeated(),
                            OptionDef.value("--max-workers", "N", "Threads.").ints(),
                            OptionDef.value("--format", "FORMAT", "text or json.").oneOf(List.of("text", "json")),
                            OptionDef.flag("--dry-run", "Do nothing."),
                            OptionDef.value("--secret", "S", "Not shown.").hiddenFromHelp()))
                    .withOptionsInDeclarationOrder(),
            "runs", CommandDef.of("runs", "Look at runs.").withSubcommands("list", "show"),
            "runs list", CommandDef.of("list", "List runs.")
                    .withOptions(List.of(OptionDef.value("-n, --limit", "N", "At most this many.").ints())),
            "runs show", CommandDef.of("show", "Show a run.")
                    .withParams(ParamDef.required("RUN_ID", "The run."), ParamDef.optional("PART", "A part.")),
            "copy", CommandDef.of("copy", "Copy files.")
                    .withParams(ParamDef.any("FILE", "Files to copy.")));

    @Override
    public CommandDef define(List<String> path) {
        return commands.get(String.join(" ", path));
    }
}
