package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.SluiceException;
import io.sluice.group.GroupCheck;
import io.sluice.group.Grouping;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sluice pipelines list|describe|export}: what the project registers. */
final class PipelinesCommand {

    private PipelinesCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("pipelines", "List, describe and export the project's registered pipelines.")
                .withSubcommands("list", "describe", "export");
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
            int code = 0;
            try (Session session = root.openSession(env, Map.of())) {
                Set<String> names = session.pipelineNames();
                int width = names.stream().mapToInt(String::length).max().orElse(0);
                for (String name : names) {
                    try { // a pipeline registered as a factory may fail to build; list the others
                        Pipeline p = session.pipeline(name);
                        out.printf("%-" + width + "s  %3d %s%n", name, p.size(), p.size() == 1 ? "node" : "nodes");
                    } catch (SluiceException e) {
                        out.printf("%-" + width + "s  cannot be built%n", name);
                        root.err.println("Error: " + e.getMessage());
                        code = 1;
                    }
                }
            }
            out.flush();
            root.err.flush();
            return code;
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

    /** {@code sluice pipelines export}: the pipeline as data (see {@link PipelineDocument}). */
    static final class Export implements Command {
        private final SluiceMain root;
        final String env;
        final String pipeline;
        final String format;
        final Path output;
        /** {@code --group-by} and its options; {@code grouping.by} is null without groups. */
        final GroupingOptions grouping;

        Export(SluiceMain root, ParsedArgs args) {
            this.root = root;
            env = EnvOption.value(args);
            pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
            format = args.value("--format", "json");
            String file = args.value("--output", null);
            output = file == null ? null : Path.of(file);
            grouping = new GroupingOptions(args, "--group-by", Commands.NAME + " pipelines export");
        }

        static CommandDef definition() {
            return CommandDef.of("export", "Export a pipeline as deterministic JSON: nodes with their functions "
                            + "(class#method, parameter and return types), inputs, outputs, tags and namespaces; "
                            + "datasets with how the catalog stores them; parameters; the structure hash. The "
                            + "format is documented by the JSON Schema io/sluice/pipeline/doc/pipeline.schema.json "
                            + "in sluice-core.")
                    .withOptions(exportOptions(List.of(EnvOption.definition(),
                            OptionDef.value("-p, --pipeline", "NAME", "The registered pipeline to export (default: "
                                    + Project.DEFAULT_PIPELINE + ")."),
                            OptionDef.value("--format", "FORMAT", "Output format: json (the only one, default).")
                                    .oneOf(List.of("json")),
                            OptionDef.value("-o, --output", "FILE", "Write the JSON to FILE (UTF-8, replaced "
                                    + "atomically) instead of standard output.")),
                            GroupingOptions.definitions("--group-by", "Add a groups section: the nodes mapped "
                                    + "onto deployable groups by STRATEGY (as sluice groups --by does), validated "
                                    + "first")));
        }

        private static List<OptionDef> exportOptions(List<OptionDef> own, List<OptionDef> grouping) {
            List<OptionDef> all = new java.util.ArrayList<>(own);
            all.addAll(grouping);
            return all;
        }

        @Override
        public int call() {
            String json;
            try (Session session = root.openSession(env, Map.of())) {
                PipelineDocument doc = session.export(pipeline);
                if (grouping.by != null) {
                    Grouping groups = grouping.group(session, pipeline, env);
                    GroupCheck check = GroupingOptions.check(session, groups);
                    if (!check.ok()) {
                        throw new SluiceException("Cannot export pipeline '" + pipeline + "' grouped by "
                                + groups.strategy() + ": " + check.describe() + "\nSee them with: sluice groups -p "
                                + pipeline + " --by " + grouping.by + ", or group by another strategy.");
                    }
                    doc = doc.withGroups(groups.toDoc());
                }
                json = doc.toJson();
            }
            if (output == null) {
                root.out.print(json);
                root.out.flush();
                return 0;
            }
            Path file = output.toAbsolutePath().normalize();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
                try {
                    Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new SluiceException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            root.err.println("Exported pipeline '" + pipeline + "' to " + file);
            root.err.flush();
            return 0;
        }
    }
}
