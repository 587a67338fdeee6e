package io.sluice.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.group.BoundaryDataset;
import io.sluice.group.Group;
import io.sluice.group.GroupCheck;
import io.sluice.group.GroupDependency;
import io.sluice.group.GroupProblem;
import io.sluice.group.DeploySpec;
import io.sluice.group.Grouping;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice groups --by STRATEGY}: a pipeline's nodes mapped onto deployable groups, the
 * dependencies and boundary datasets between them, and the check result (exit 1 with
 * {@code --check} when it fails).
 */
final class GroupsCommand implements Command {
    static final List<String> STRATEGIES = GroupingOptions.STRATEGIES;
    private static final String NAME = Commands.NAME + " groups";

    private final SluiceMain root;
    final String env;
    final String pipeline;
    final GroupingOptions grouping;
    final boolean check;
    final boolean json;

    GroupsCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        env = EnvOption.value(args);
        pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
        grouping = new GroupingOptions(args, "--by", NAME);
        check = args.flag("--check");
        json = args.value("--format", "text").equals("json");
    }

    static CommandDef definition() {
        List<OptionDef> options = new ArrayList<>(GroupingOptions.definitions("--by", "How to group (default: as "
                + "'sluice run --group' does, by conf/<env>/deploy.yml's groups or strategy, else memory-components)"));
        options.add(1, OptionDef.value("-p, --pipeline", "NAME",
                "The registered pipeline (default: " + Project.DEFAULT_PIPELINE + ")."));
        options.add(OptionDef.flag("--check", "Exit with status 1 when the grouping fails validation."));
        options.add(OptionDef.value("--format", "FORMAT", "text or json (default: text).")
                .oneOf(List.of("text", "json")));
        options.add(EnvOption.definition());
        return CommandDef.of("groups", "Map a pipeline's nodes onto deployable groups (orchestrator tasks): the "
                        + "groups, their dependencies, the datasets crossing them, and whether the grouping can run "
                        + "as separate processes.")
                .withOptions(options);
    }

    @Override
    public int call() {
        PrintWriter out = root.out;
        GroupCheck result;
        try (Session session = root.openSession(env, Map.of())) {
            Grouping groups = grouping.by == null
                    ? grouping.group(session, pipeline, DeploySpec.strategyOf(session.config().get("deploy")))
                    : grouping.group(session, pipeline, env);
            result = GroupingOptions.check(session, groups);
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.set("grouping", groups.toJson());
                o.set("check", result.toJson());
                out.println(o.toPrettyString());
            } else {
                print(out, groups, result);
            }
        }
        out.flush();
        return check && !result.ok() ? SluiceMain.EXIT_ERROR : 0;
    }

    private static void print(PrintWriter out, Grouping g, GroupCheck result) {
        int n = g.groups().size();
        out.println("Pipeline " + g.pipeline() + " grouped by " + g.strategy() + ": " + n
                + (n == 1 ? " group" : " groups"));
        for (Group group : g.groups()) {
            out.println();
            out.println(group.id() + " (" + group.nodes().size() + (group.nodes().size() == 1 ? " node)" : " nodes)"));
            for (String node : group.nodes()) {
                out.println("  " + node);
            }
        }
        out.println();
        out.println("Dependencies:" + (g.dependencies().isEmpty() ? " none" : ""));
        for (GroupDependency d : g.dependencies()) {
            out.println("  " + d.from() + " -> " + d.to() + " via " + String.join(", ", d.datasets()));
        }
        out.println("Boundary datasets:" + (g.boundaries().isEmpty() ? " none" : ""));
        for (BoundaryDataset b : g.boundaries()) {
            out.println("  " + b.dataset() + ": " + b.from() + " -> " + String.join(", ", b.to())
                    + (b.persisted() ? "" : " (memory)"));
        }
        out.println();
        if (result.ok()) {
            out.println("Check: ok");
            return;
        }
        out.println("Check: " + result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems"));
        for (GroupProblem p : result.problems()) {
            out.println("  - " + p.message());
        }
    }
}
