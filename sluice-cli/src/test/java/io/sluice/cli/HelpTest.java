package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.Help;
import io.sluice.cli.args.OptionDef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HelpTest {

    /** Every command of the tree, as the argument list that reaches it. */
    private static List<List<String>> commandPaths(Commands commands, List<String> prefix, List<List<String>> acc) {
        acc.add(prefix);
        for (String name : commands.define(prefix).subcommands()) {
            if (!name.equals("help")) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                commandPaths(commands, path, acc);
            }
        }
        return acc;
    }

    /** The options of the command at {@code path}: the inherited global ones, its own. */
    private static List<OptionDef> options(Commands commands, List<String> path) {
        List<OptionDef> options = new ArrayList<>();
        if (!path.isEmpty()) {
            options.addAll(GlobalOptions.definitions());
        }
        options.addAll(commands.define(path).options());
        return options;
    }

    @TestFactory
    Stream<DynamicTest> helpOfEveryCommandMentionsEachOfItsOptions() {
        Commands commands = new Commands();
        return commandPaths(commands, List.of(), new ArrayList<>()).stream().map(path -> DynamicTest.dynamicTest(
                "sluice " + String.join(" ", path) + " --help", () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add("--help");
                    Cli cli = Cli.run(args.toArray(String[]::new));

                    assertThat(cli.exitCode()).isZero();
                    CommandDef spec = commands.define(path);
                    String qualifiedName = Help.qualifiedName(Commands.NAME, path);
                    assertThat(cli.out()).contains("Usage: " + qualifiedName);
                    for (OptionDef option : options(commands, path)) {
                        if (!option.hidden()) {
                            for (String optionName : option.names()) {
                                assertThat(cli.out()).as("help of %s", qualifiedName).contains(optionName);
                            }
                            assertThat(option.description()).as("description of %s", option.key())
                                    .isNotEmpty();
                        }
                    }
                    assertThat(cli.out()).as("the standard options of %s", qualifiedName)
                            .contains("-h, --help", "-V, --version");
                    assertThat(spec.description()).isNotEmpty();
                }));
    }

    @Test
    void runHelpListsTheNodeSelectionAndRunnerOptions() {
        Cli cli = Cli.run("run", "--help");

        assertThat(cli.out()).contains("--pipeline", "--nodes", "--from-nodes", "--to-nodes", "--from-inputs",
                "--to-outputs", "--tags", "--namespaces", "--env", "--params", "--runner", "--max-workers",
                "--run-id", "--only-missing-outputs", "--load-versions", "--project", "--verbose", "--quiet");
    }
}
