package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.Help;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The help of a command: for {@code --help} on any command, and {@code sluice help [COMMAND...]}
 * ({@code sluice help runs list}).
 */
final class HelpCommand implements Command {
    private final SluiceMain root;
    private final Commands commands;
    private final List<String> path;

    HelpCommand(SluiceMain root, Commands commands, List<String> path) {
        this.root = root;
        this.commands = commands;
        this.path = path;
    }

    static CommandDef definition() {
        return CommandDef.of("help", "Display help information about the specified command.")
                .withParams(ParamDef.any("COMMAND", "The command to display the help of, with its subcommand "
                        + "if it has one."));
    }

    @Override
    public int call() {
        List<String> at = new ArrayList<>();
        for (String name : path) {
            at.add(name);
            if (commands.define(at) == null) {
                throw new UsageException(Commands.NAME, "Unknown subcommand '" + name + "'.", null);
            }
        }
        root.out.print(Help.render(commands, at));
        root.out.flush();
        return 0;
    }
}
