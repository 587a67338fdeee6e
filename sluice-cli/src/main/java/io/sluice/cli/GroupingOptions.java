package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.ConfigMap;
import io.sluice.group.DeploySpec;
import io.sluice.group.GroupCheck;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.run.GroupBy;
import io.sluice.session.Session;
import java.util.List;

/**
 * How a command groups a pipeline's nodes: a strategy ({@code sluice groups --by},
 * {@code sluice pipelines export --group-by}) and the options of the tag strategy and of a merge,
 * the same for every command that groups.
 */
final class GroupingOptions {
    static final List<String> STRATEGIES = GroupBy.STRATEGIES;

    /** The strategy, or {@code null} when the strategy option was not given. */
    final String by;
    final String tagPrefix;
    final String rest;
    final int targetGroups;
    final int maxCost;
    final String costTag;

    /**
     * @param byOption the option naming the strategy, e.g. {@code --by}
     * @param command  the command's qualified name, for usage errors
     */
    GroupingOptions(ParsedArgs args, String byOption, String command) {
        by = args.value(byOption, null);
        tagPrefix = args.value("--tag-prefix", "group:");
        rest = args.value("--rest", null);
        if (rest != null && !"tag".equals(by)) {
            throw new UsageException(command, "--rest applies to " + byOption + " tag only (deploy.yml names its own "
                    + "'rest:').", null);
        }
        targetGroups = args.intValue("--target-groups", 0);
        maxCost = args.intValue("--max-cost", 0);
        if (targetGroups < 0 || maxCost < 0) {
            throw new UsageException(command, "--target-groups and --max-cost must be positive.", null);
        }
        costTag = args.value("--cost-tag", null);
        if (costTag != null && targetGroups == 0 && maxCost == 0) {
            throw new UsageException(command, "--cost-tag weighs nodes for a merge: give --target-groups or --max-cost.",
                    null);
        }
        if (by == null && (targetGroups > 0 || maxCost > 0 || args.value("--tag-prefix", null) != null)) {
            throw new UsageException(command, "The grouping options need " + byOption + " STRATEGY.", null);
        }
    }

    /** The strategy option ({@code byOption}, described by {@code what}) and the options that refine it. */
    static List<OptionDef> definitions(String byOption, String what) {
        return List.of(
                OptionDef.value(byOption, "STRATEGY", what + ": node (one per node), namespace "
                        + "(top-level namespace), tag (a tag with --tag-prefix), memory-components (nodes "
                        + "joined by memory datasets), persistence-cuts (stages between points where all live "
                        + "data is persisted), branch (chains between forks and joins), deploy (the groups of "
                        + "conf/<env>/deploy.yml).").oneOf(STRATEGIES),
                OptionDef.value("--tag-prefix", "PREFIX",
                        "With " + byOption + " tag: the tag prefix; group:train puts a node in group train "
                                + "(default: group:)."),
                OptionDef.value("--rest", "GROUP",
                        "With " + byOption + " tag: the group of nodes without such a tag (default: none, an error)."),
                OptionDef.value("--target-groups", "N", "Then merge small neighbouring groups until at "
                        + "most N are left, never creating a cycle.").ints(),
                OptionDef.value("--max-cost", "COST", "Then merge small neighbouring groups while a merged "
                        + "group costs at most COST (a node costs 1, or see --cost-tag).").ints(),
                OptionDef.value("--cost-tag", "PREFIX", "A node tagged PREFIX<N> (e.g. cost:5) costs N "
                        + "in a merge."));
    }

    /** Groups {@code pipeline} of {@code session} by these options. */
    Grouping group(Session session, String pipeline, String env) {
        return group(session, pipeline, env, by);
    }

    /**
     * Groups {@code pipeline} by {@code strategy} (one of {@link #STRATEGIES}; the strategy option's
     * value or a command's default) refined by these options.
     */
    Grouping group(Session session, String pipeline, String env, String strategy) {
        return group(session, pipeline, strategy(session, env, strategy));
    }

    /** Groups {@code pipeline} of {@code session} by {@code strategy} (the deploy config's, say). */
    Grouping group(Session session, String pipeline, GroupStrategy strategy) {
        DataCatalog catalog = session.catalog();
        Grouper grouper = Grouper.of(pipeline, session.pipeline(pipeline), name -> catalog.dataset(name).isPersistent());
        return grouper.group(strategy);
    }

    /**
     * These options as the grouping of a run of one group ({@code sluice run --group G --group-by
     * S}): the spec carries it, so the group's process groups by it instead of the deploy config,
     * and the journal records it for a resume.
     *
     * @throws UsageException for options the strategy does not take
     */
    io.sluice.run.GroupBy asGroupBy() {
        try {
            return new io.sluice.run.GroupBy(by, by.equals("tag") ? tagPrefix : null, rest, targetGroups, maxCost,
                    costTag);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--group-by " + by + ": " + e.getMessage());
        }
    }

    /** Checks {@code grouping} with the built-in checks and the project's hook rules. */
    static GroupCheck check(Session session, Grouping grouping) {
        return Grouper.check(grouping, Hooks.of(session.project().hooks()).groupRules());
    }

    /** The strategy {@code by} names, refined by these options (deploy: the groups of the env's deploy config). */
    GroupStrategy strategy(Session session, String env, String by) {
        GroupStrategy base = by.equals("deploy") ? new GroupStrategy.Explicit(DeploySpec.of(deployConfig(session, env)))
                : GroupStrategy.named(by, tagPrefix, rest)
                        .orElseThrow(() -> new IllegalStateException("unknown strategy " + by));
        return targetGroups == 0 && maxCost == 0 ? base
                : new GroupStrategy.Merged(base, targetGroups, maxCost, costTag);
    }

    private static ConfigMap deployConfig(Session session, String env) {
        ConfigMap deploy = session.config().get("deploy");
        if (deploy.keys().isEmpty()) {
            throw new SluiceException("No deploy config: --by deploy reads groups from conf/base/deploy.yml or "
                    + "conf/" + env + "/deploy.yml. Write one, e.g. groups: {train: {namespaces: [data_science]}}, "
                    + "or group by another strategy.");
        }
        return deploy;
    }
}
