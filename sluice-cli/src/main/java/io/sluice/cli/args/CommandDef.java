package io.sluice.cli.args;

import java.util.List;

/**
 * What a command accepts and how its help reads. Subcommands are named, not held: their
 * definitions come from {@link Definitions} when the parser reaches them, so that a run builds
 * only the definitions on its own path.
 *
 * @param name          the word that selects it ({@code run}); the root's is the program's name
 * @param description   help paragraphs; the first is its summary in the parent's command list
 * @param options       its own options, in declaration order ({@code -h} and {@code -V} are implied)
 * @param params        its positional parameters, in order
 * @param subcommands   the names of its subcommands, in the order help lists them
 * @param footer        lines printed after the help, as they are
 * @param sortedOptions whether help lists the options by name, else in declaration order
 *                      (inherited ones first, {@code -h} and {@code -V} last)
 */
public record CommandDef(String name, List<String> description, List<OptionDef> options, List<ParamDef> params,
        List<String> subcommands, List<String> footer, boolean sortedOptions) {

    public CommandDef {
        description = List.copyOf(description);
        options = List.copyOf(options);
        params = List.copyOf(params);
        subcommands = List.copyOf(subcommands);
        footer = List.copyOf(footer);
        if (description.isEmpty()) {
            throw new IllegalArgumentException("command " + name + " needs a description");
        }
    }

    /** A command with these description paragraphs and nothing else yet; options sorted in help. */
    public static CommandDef of(String name, String... description) {
        return new CommandDef(name, List.of(description), List.of(), List.of(), List.of(), List.of(), true);
    }

    /** This command with these options. */
    public CommandDef withOptions(List<OptionDef> newOptions) {
        return new CommandDef(name, description, newOptions, params, subcommands, footer, sortedOptions);
    }

    /** This command with these positional parameters. */
    public CommandDef withParams(ParamDef... newParams) {
        return new CommandDef(name, description, options, List.of(newParams), subcommands, footer, sortedOptions);
    }

    /** This command with these subcommands. */
    public CommandDef withSubcommands(String... names) {
        return new CommandDef(name, description, options, params, List.of(names), footer, sortedOptions);
    }

    /** This command with these footer lines. */
    public CommandDef withFooter(String... lines) {
        return new CommandDef(name, description, options, params, subcommands, List.of(lines), sortedOptions);
    }

    /** This command with its options listed in declaration order in help. */
    public CommandDef withOptionsInDeclarationOrder() {
        return new CommandDef(name, description, options, params, subcommands, footer, false);
    }
}
