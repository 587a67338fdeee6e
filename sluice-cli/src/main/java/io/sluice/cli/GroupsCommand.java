package io.sluice.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.ConfigMap;
import io.sluice.group.BoundaryDataset;
import io.sluice.group.DeploySpec;
import io.sluice.group.Group;
import io.sluice.group.GroupCheck;
import io.sluice.group.GroupDependency;
import io.sluice.group.GroupProblem;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.project.Project;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice groups --by STRATEGY}: a pipeline's nodes mapped onto deployable groups, the
 * dependencies and boundary datasets between them, and the check result (exit 1 with
 * {@code --check} when it fails).
 */
final class GroupsCommand implements Command {
    static final List<String> STRATEGIES = List.of("node", "namespace", "tag", "memory-components",
            "persistence-cuts", "branch", "deploy");
    private static final String NAME = Commands.NAME + " groups";

    private final SluiceMain root;
    final String env;
    final String pipeline;
    final String by;
    final String tagPrefix;
    final String rest;
    final int targetGroups;
    final int maxCost;
    final String costTag;
    final boolean check;
    final boolean json;

    GroupsCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        env = EnvOption.value(args);
        pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
        by = args.value("--by", null);
        tagPrefix = args.value("--tag-prefix", "group:");
        rest = args.value("--rest", null);
        if (rest != null && !"tag".equals(by)) {
            throw new UsageException(NAME, "--rest applies to --by tag only (deploy.yml names its own 'rest:').",
                    null);
        }
        targetGroups = args.intValue("--target-groups", 0);
        maxCost = args.intValue("--max-cost", 0);
        if (targetGroups < 0 || maxCost < 0) {
            throw new UsageException(NAME, "--target-groups and --max-cost must be positive.", null);
        }
        costTag = args.value("--cost-tag", null);
        if (by == null && (targetGroups > 0 || maxCost > 0 || costTag != null || args.has("--tag-prefix"))) {
            throw new UsageException(NAME, "--target-groups, --max-cost, --cost-tag and --tag-prefix go with --by: "
                    + "without it, the groups are those of the deploy config, merge options included.",
                    "For example: sluice groups --by memory-components --target-groups 4");
        }
        if (costTag != null && targetGroups == 0 && maxCost == 0) {
            throw new UsageException(NAME, "--cost-tag weighs nodes for a merge: give --target-groups or --max-cost.",
                    null);
        }
        check = args.flag("--check");
        json = args.value("--format", "text").equals("json");
    }

    static CommandDef definition() {
        return CommandDef.of("groups", "Map a pipeline's nodes onto deployable groups (orchestrator tasks): the "
                        + "groups, their dependencies, the datasets crossing them, and whether the grouping can run "
                        + "as separate processes.")
                .withOptions(List.of(
                        OptionDef.value("--by", "STRATEGY", "How to group (default: as runs of one group do, by the "
                                + "deploy config's groups or strategy, else memory-components): node (one per node), namespace "
                                + "(top-level namespace), tag (a tag with --tag-prefix), memory-components (nodes "
                                + "joined by memory datasets), persistence-cuts (stages between points where all live "
                                + "data is persisted), branch (chains between forks and joins), deploy (the groups of "
                                + "conf/<env>/deploy.yml).").oneOf(STRATEGIES),
                        OptionDef.value("-p, --pipeline", "NAME",
                                "The registered pipeline (default: " + Project.DEFAULT_PIPELINE + ")."),
                        OptionDef.value("--tag-prefix", "PREFIX",
                                "With --by tag: the tag prefix; group:train puts a node in group train "
                                        + "(default: group:)."),
                        OptionDef.value("--rest", "GROUP",
                                "With --by tag: the group of nodes without such a tag (default: none, an error)."),
                        OptionDef.value("--target-groups", "N", "Then merge small neighbouring groups until at "
                                + "most N are left, never creating a cycle.").ints(),
                        OptionDef.value("--max-cost", "COST", "Then merge small neighbouring groups while a merged "
                                + "group costs at most COST (a node costs 1, or see --cost-tag).").ints(),
                        OptionDef.value("--cost-tag", "PREFIX", "A node tagged PREFIX<N> (e.g. cost:5) costs N "
                                + "in a merge."),
                        OptionDef.flag("--check", "Exit with status 1 when the grouping fails validation."),
                        OptionDef.value("--format", "FORMAT", "text or json (default: text).")
                                .oneOf(List.of("text", "json")),
                        EnvOption.definition()));
    }

    @Override
    public int call() {
        PrintWriter out = root.out;
        GroupCheck result;
        try (Session session = root.openSession(env, Map.of())) {
            DataCatalog catalog = session.catalog();
            Grouper grouper = Grouper.of(pipeline, session.pipeline(pipeline),
                    name -> catalog.dataset(name).isPersistent());
            Grouping grouping = grouper.group(by == null ? DeploySpec.strategyOf(session.config().get("deploy"))
                    : strategy(session));
            result = Grouper.check(grouping, Hooks.of(session.project().hooks()).groupRules());
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.set("grouping", grouping.toJson());
                o.set("check", result.toJson());
                out.println(o.toPrettyString());
            } else {
                print(out, grouping, result);
            }
        }
        out.flush();
        return check && !result.ok() ? SluiceMain.EXIT_ERROR : 0;
    }

    private GroupStrategy strategy(Session session) {
        GroupStrategy base = switch (by) {
            case "node" -> new GroupStrategy.PerNode();
            case "namespace" -> new GroupStrategy.ByNamespace();
            case "tag" -> new GroupStrategy.ByTag(tagPrefix, rest);
            case "memory-components" -> new GroupStrategy.MemoryComponents();
            case "persistence-cuts" -> new GroupStrategy.PersistenceCuts();
            case "branch" -> new GroupStrategy.ByBranch();
            case "deploy" -> new GroupStrategy.Explicit(DeploySpec.of(deployConfig(session)));
            default -> throw new IllegalStateException("unknown strategy " + by);
        };
        return targetGroups == 0 && maxCost == 0 ? base
                : new GroupStrategy.Merged(base, targetGroups, maxCost, costTag);
    }

    private ConfigMap deployConfig(Session session) {
        ConfigMap deploy = session.config().get("deploy");
        if (deploy.keys().isEmpty()) {
            throw new SluiceException("No deploy config: --by deploy reads groups from conf/base/deploy.yml or "
                    + "conf/" + env + "/deploy.yml. Write one, e.g. groups: {train: {namespaces: [data_science]}}, "
                    + "or group by another strategy.");
        }
        return deploy;
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
