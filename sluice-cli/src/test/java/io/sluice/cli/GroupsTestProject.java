package io.sluice.cli;

import static io.sluice.pipeline.Node.node;

import io.sluice.group.Group;
import io.sluice.group.Grouping;
import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project of the groups command tests, with two namespaces and memory datasets:
 * <pre>
 *   raw -> data.load -[data.table: memory]-> data.clean -[data.clean]-> ds.train -[ds.model: memory]-> ds.score -> score
 * </pre>
 * Its hook refuses groups of more than three nodes.
 */
public final class GroupsTestProject implements Project {

    public GroupsTestProject() {
    }

    static int inc(int x) {
        return x + 1;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of("shop", Pipeline.of(
                node(GroupsTestProject::inc).inputs("raw").outputs("data.table").name("load").namespace("data"),
                node(GroupsTestProject::inc).inputs("data.table").outputs("data.clean").name("clean")
                        .namespace("data"),
                node(GroupsTestProject::inc).inputs("data.clean").outputs("ds.model").name("train").namespace("ds"),
                node(GroupsTestProject::inc).inputs("ds.model").outputs("score").name("score").namespace("ds")));
    }

    @Override
    public List<Hook> hooks() {
        return List.of(new SizeLimit());
    }

    /** A project's own group check: at most three nodes per group. */
    public static final class SizeLimit implements Hook {
        @Override
        public List<String> checkGroups(Grouping grouping) {
            List<String> problems = new ArrayList<>();
            for (Group g : grouping.groups()) {
                if (g.nodes().size() > 3) {
                    problems.add("group " + g.id() + " has " + g.nodes().size() + " nodes, more than 3: split it");
                }
            }
            return problems;
        }
    }

    /** Writes the project into {@code dir} and its service entry into {@code services}. */
    static void write(Path dir, Path services) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.createDirectories(dir.resolve("conf/prod"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                    raw:
                      type: json
                      filepath: data/raw.json
                    data.clean:
                      type: json
                      filepath: data/clean.json
                    score:
                      type: json
                      filepath: data/score.json
                    """);
            Path entry = services.resolve("META-INF/services/io.sluice.project.Project");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, GroupsTestProject.class.getName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
