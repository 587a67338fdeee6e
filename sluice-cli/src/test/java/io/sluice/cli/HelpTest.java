package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class HelpTest {

    /** Every command of the tree, as the argument list that reaches it. */
    private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix, List<List<String>> acc) {
        acc.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                commandPaths(sub, path, acc);
            }
        });
        return acc;
    }

    @TestFactory
    Stream<DynamicTest> helpOfEveryCommandMentionsEachOfItsOptions() {
        CommandLine root = SluiceMain.newCommandLine();
        return commandPaths(root, List.of(), new ArrayList<>()).stream().map(path -> DynamicTest.dynamicTest(
                "sluice " + String.join(" ", path) + " --help", () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add("--help");
                    Cli cli = Cli.run(args.toArray(String[]::new));

                    assertThat(cli.exitCode()).isZero();
                    CommandSpec spec = root.getCommandSpec();
                    for (String name : path) {
                        spec = spec.subcommands().get(name).getCommandSpec();
                    }
                    assertThat(cli.out()).contains("Usage: " + spec.qualifiedName());
                    for (OptionSpec option : spec.options()) {
                        if (!option.hidden()) {
                            for (String optionName : option.names()) {
                                assertThat(cli.out()).as("help of %s", spec.qualifiedName()).contains(optionName);
                            }
                            assertThat(option.description()).as("description of %s", option.longestName())
                                    .isNotEmpty();
                        }
                    }
                    assertThat(spec.usageMessage().description()).isNotEmpty();
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
