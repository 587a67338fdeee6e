package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code sluice completion names KIND}: the names of one kind in the project, one per line, for
 * the completion scripts ({@link CompletionScript}) and for scripts of one's own. Pipelines, nodes,
 * datasets, tags and namespaces come from the project's pipelines as registered — built, not
 * compiled: no configuration, catalog or engine is read, so it answers as quickly as the JVM
 * starts; runners and engines from {@code runners.yml} and {@code engines.yml} of the
 * environment; environments and run ids from the directories.
 */
final class CompletionNames implements Command {
    static final String PIPELINES = "pipelines";
    static final String NODES = "nodes";
    static final String DATASETS = "datasets";
    static final String TAGS = "tags";
    static final String NAMESPACES = "namespaces";
    static final String RUNNERS = "runners";
    static final String ENGINES = "engines";
    static final String ENVS = "envs";
    static final String RUNS = "runs";
    static final List<String> KINDS = List.of(PIPELINES, NODES, DATASETS, TAGS, NAMESPACES, RUNNERS, ENGINES, ENVS,
            RUNS);

    private final SluiceMain root;
    private final String kind;
    private final String env;

    CompletionNames(SluiceMain root, ParsedArgs args) {
        this.root = root;
        this.kind = args.params().get(0);
        if (!KINDS.contains(kind)) {
            throw new UsageException(Commands.NAME + " completion names", "Unknown kind '" + kind + "': "
                    + String.join(", ", KINDS) + ".", null);
        }
        this.env = EnvOption.value(args);
    }

    static CommandDef definition() {
        return CommandDef.of("names", "Print the names of one kind in the project, one per line: what the completion "
                        + "scripts offer after --pipeline, --nodes, --env... Kinds: " + String.join(", ", KINDS) + ".")
                .withOptions(List.of(EnvOption.definition()))
                .withParams(ParamDef.required("KIND", "What to list."));
    }

    @Override
    public int call() {
        for (String name : names()) {
            root.out.println(name);
        }
        root.out.flush();
        return 0;
    }

    Set<String> names() {
        Path dir = root.projectDir();
        return switch (kind) {
            case ENVS -> directories(dir.resolve("conf"), "base");
            case RUNS -> directories(dir.resolve(".sluice/runs"), null);
            case RUNNERS -> {
                try (RunnersCommand.Catalogs catalogs = RunnersCommand.open(root, env)) {
                    Set<String> names = new TreeSet<>(catalogs.runners().names());
                    names.addAll(catalogs.launchers().entries().keySet());
                    yield names;
                }
            }
            case ENGINES -> {
                try (io.sluice.engine.EngineCatalog engines = EnginesCommand.open(root, env)) {
                    yield new TreeSet<>(engines.names());
                }
            }
            default -> fromPipelines();
        };
    }

    private Set<String> fromPipelines() {
        Project project = ProjectLoader.load(ConfigSections.projectLoader());
        Set<String> names = new TreeSet<>();
        List<Pipeline> pipelines = new ArrayList<>(project.pipelines().values());
        if (kind.equals(PIPELINES)) {
            names.addAll(project.pipelines().keySet());
            names.addAll(project.pipelineFactories().keySet());
            names.add(Project.DEFAULT_PIPELINE);
            return names;
        }
        for (Supplier<Pipeline> factory : project.pipelineFactories().values()) {
            pipelines.add(factory.get());
        }
        for (Pipeline p : pipelines) {
            switch (kind) {
                case TAGS -> names.addAll(p.tags());
                case NAMESPACES -> names.addAll(p.namespaces());
                case DATASETS -> {
                    for (String d : p.datasets()) {
                        if (d.indexOf(':') < 0 && !d.equals("parameters")) {
                            names.add(d);
                        }
                    }
                }
                default -> {
                    for (Node n : p.nodes()) {
                        names.add(n.name());
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> directories(Path parent, String except) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(parent)) {
            return names;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.equals(except) && !name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new io.sluice.SluiceException("Cannot list " + parent + ": " + e.getMessage(), e);
        }
        return names;
    }
}
