package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code sluice pipelines list|describe}: what the project registers. */
final class PipelinesCommand {

    private PipelinesCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("pipelines", "List and describe the project's registered pipelines.")
                .withSubcommands("list", "describe");
    }

    /** {@code sluice pipelines list}. */
    static final class ListPipelines implements Command {
        private final SluiceMain root;
        final String env;

        ListPipelines(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
        }

        static CommandDef definition() {
            return CommandDef.of("list", "List the registered pipelines, sorted by name, with their node counts.")
                    .withOptions(List.of(EnvOption.definition()));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Session session = root.openSession(env, Map.of())) {
                Map<String, Pipeline> pipelines = session.pipelines();
                int width = pipelines.keySet().stream().mapToInt(String::length).max().orElse(0);
                pipelines.forEach((name, p) -> out.printf("%-" + width + "s  %3d %s%n", name, p.size(),
                        p.size() == 1 ? "node" : "nodes"));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice pipelines describe [name]}. */
    static final class Describe implements Command {
        private final SluiceMain root;
        final String env;
        final String name;
        /** {@code -p}: the same as {@link #name}, for symmetry with {@code sluice run}. */
        final String pipelineOption;

        Describe(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
            name = args.param(0, Project.DEFAULT_PIPELINE);
            pipelineOption = args.value("--pipeline", null);
        }

        static CommandDef definition() {
            return CommandDef.of("describe",
                            "Describe a pipeline: its nodes in execution order with their inputs and outputs.")
                    .withOptions(List.of(EnvOption.definition(), OptionDef.value("-p, --pipeline", "NAME",
                            "Same as the NAME parameter, for symmetry with sluice run.").hiddenFromHelp()))
                    .withParams(ParamDef.optional("NAME",
                            "The registered pipeline (default: " + Project.DEFAULT_PIPELINE + ")."));
        }

        @Override
        public int call() {
            PrintWriter out = root.out;
            try (Session session = root.openSession(env, Map.of())) {
                String n = pipelineOption != null ? pipelineOption : name;
                String text = session.pipeline(n).describe();
                out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
            }
            out.flush();
            return 0;
        }
    }
}
