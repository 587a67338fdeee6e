package io.sluice.cli;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sluice pipelines list|describe}: what the project registers. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = "List and describe the project's registered pipelines.",
        subcommands = {PipelinesCommand.ListPipelines.class, PipelinesCommand.Describe.class})
final class PipelinesCommand implements Runnable {

    @ParentCommand
    SluiceMain root;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globalOptions;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: list or describe.");
    }

    /** {@code sluice pipelines list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the registered pipelines, sorted by name, with their node counts.")
    static final class ListPipelines implements Runnable {
        @ParentCommand
        PipelinesCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions globalOptions;

        @Mixin
        EnvOption envOption;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Session session = parent.root.openSession(envOption.env, Map.of())) {
                Map<String, Pipeline> pipelines = session.pipelines();
                int width = pipelines.keySet().stream().mapToInt(String::length).max().orElse(0);
                pipelines.forEach((name, p) -> out.printf("%-" + width + "s  %3d %s%n", name, p.size(),
                        p.size() == 1 ? "node" : "nodes"));
            }
            out.flush();
        }
    }

    /** {@code sluice pipelines describe [name]}. */
    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Describe a pipeline: its nodes in execution order with their inputs and outputs.")
    static final class Describe implements Runnable {
        @ParentCommand
        PipelinesCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions globalOptions;

        @Mixin
        EnvOption envOption;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = Project.DEFAULT_PIPELINE,
                description = "The registered pipeline (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = {"-p", "--pipeline"}, paramLabel = "NAME", hidden = true,
                description = "Same as the NAME parameter, for symmetry with sluice run.")
        String pipelineOption;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Session session = parent.root.openSession(envOption.env, Map.of())) {
                String n = pipelineOption != null ? pipelineOption : name;
                String text = session.pipeline(n).describe();
                out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
            }
            out.flush();
        }
    }
}
