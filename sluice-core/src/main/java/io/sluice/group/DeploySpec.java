package io.sluice.group;

import io.sluice.config.ConfigBinder;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.run.GroupBy;
import io.sluice.run.RunIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explicit groups, as written in {@code conf/<env>/deploy.yml}:
 *
 * <pre>{@code
 * groups:
 *   ingest:                        # the group id (a safe name: letters, digits, . _ : + -)
 *     namespaces: [data_processing] # every node in these namespaces (or nested in them)
 *   train:
 *     namespaces: [data_science]
 *     nodes: [evaluate_model]       # these nodes
 *     tags: [training]              # every node with one of these tags
 * rest: misc                        # optional: the group of every node no group selects
 * tasks: {...}                      # optional: per-group container settings, read by sluice export
 * }</pre>
 *
 * <p>Without {@code rest}, a node no group selects is a validation error ("in no group"); a node
 * two groups select is one too ("in several groups"). A name that selects nothing is an error at
 * its file:line with close matches, as is an unknown key.
 *
 * <p>Instead of listing groups, the file may name a strategy, which every process of a run then
 * applies alike ({@link #strategyOf}):
 * <pre>{@code
 * strategy: memory-components   # node, namespace, tag, memory-components, persistence-cuts, branch
 * tag_prefix: "group:"          # with strategy: tag (default group:); rest: the group of untagged nodes
 * target_groups: 4              # optional: merge small neighbouring groups down to 4
 * max_cost: 20                  # optional: ... while a merged group costs at most 20
 * cost_tag: "cost:"             # optional: a node tagged cost:5 costs 5 in a merge (default 1)
 * }</pre>
 * Without a deploy config at all, runs of one group use {@code memory-components}, which is
 * always valid.
 *
 * @param groups the groups in file order
 * @param rest   the group of unselected nodes, if any
 */
public record DeploySpec(List<DeployGroup> groups, Optional<String> rest) {

    public DeploySpec {
        groups = List.copyOf(groups);
    }

    /**
     * One group of deploy.yml.
     *
     * @param id        the group id
     * @param location  where its key is written
     * @param selectors what selects its nodes, in file order
     */
    public record DeployGroup(String id, Location location, List<Selector> selectors) {
        public DeployGroup {
            selectors = List.copyOf(selectors);
        }
    }

    /** What a selector names. */
    public enum Kind {
        /** A node's name. */
        NODE,
        /** A namespace: its nodes and those of nested namespaces. */
        NAMESPACE,
        /** A tag. */
        TAG
    }

    /**
     * One name under {@code nodes}, {@code namespaces} or {@code tags}.
     *
     * @param kind     what it names
     * @param name     the name
     * @param location where it is written
     */
    public record Selector(Kind kind, String name, Location location) {
    }

    /**
     * deploy.yml as bound by {@link ConfigBinder}: its keys and value types. {@code tasks} (each
     * group's container settings) belongs to {@code sluice export} (sluice-deploy), which checks it.
     */
    private record File(Map<String, GroupKeys> groups, Optional<String> rest, Optional<String> strategy,
                        Optional<String> tagPrefix, Optional<Integer> targetGroups, Optional<Long> maxCost,
                        Optional<String> costTag, Optional<ConfigValue> tasks) {
    }

    /** The strategy names {@code strategy:} accepts; {@code deploy} is the file's own {@code groups:}. */
    public static final List<String> STRATEGIES = GroupBy.STRATEGIES;

    /** The strategy of runs of one group when no deploy config is written. */
    public static final GroupStrategy DEFAULT_STRATEGY = new GroupStrategy.MemoryComponents();

    /**
     * The grouping strategy a resolved {@code deploy} config section gives: its {@code groups:}
     * (explicit), or its {@code strategy:} with the options above, merged when
     * {@code target_groups} or {@code max_cost} is set; {@link #DEFAULT_STRATEGY} when the section
     * is empty (no deploy.yml) or holds neither groups, a strategy nor its options (only
     * {@code tasks:}, say).
     *
     * @throws ConfigException at the file:line of an unknown strategy (with close matches), a
     *                         strategy beside {@code groups:}, or what {@link #of} refuses
     */
    public static GroupStrategy strategyOf(ConfigValue section) {
        if (section instanceof ConfigMap m && m.keys().isEmpty()) {
            return DEFAULT_STRATEGY;
        }
        File file = BINDER.bind(section, null);
        ConfigMap root = (ConfigMap) section;
        String name = file.strategy().orElse(file.groups() != null && !file.groups().isEmpty() ? "deploy" : null);
        boolean refined = file.tagPrefix().isPresent() || file.rest().isPresent() || file.targetGroups().isPresent()
                || file.maxCost().isPresent() || file.costTag().isPresent();
        if (name == null && !refined) {
            return DEFAULT_STRATEGY; // e.g. only tasks: (sluice export's container settings)
        }
        if (name == null) {
            throw new ConfigException(root.location(), "the deploy config names no strategy and lists no groups",
                    "Add 'strategy: memory-components' (or node, namespace, tag, persistence-cuts, branch), or "
                            + "list groups under 'groups:'.");
        }
        Location at = file.strategy().isPresent() ? root.get("strategy").location() : root.location();
        if (!STRATEGIES.contains(name)) {
            throw new ConfigException(at, "unknown grouping strategy '" + name + "'",
                    io.sluice.Suggestions.didYouMean(name, STRATEGIES) + " Strategies: " + String.join(", ", STRATEGIES)
                            + ".");
        }
        if (!name.equals("deploy") && file.groups() != null && !file.groups().isEmpty()) {
            throw new ConfigException(at, "the deploy config has strategy '" + name + "' and lists groups",
                    "Keep one: 'groups:' (explicit groups) or 'strategy:'.");
        }
        if (!name.equals("tag") && file.tagPrefix().isPresent()) {
            throw new ConfigException(root.keyLocation("tag_prefix"), "tag_prefix applies to strategy tag only",
                    "Remove it, or set 'strategy: tag'.");
        }
        if (!name.equals("tag") && !name.equals("deploy") && file.rest().isPresent()) {
            throw new ConfigException(root.keyLocation("rest"), "rest applies to strategy tag and to groups only",
                    "Remove it.");
        }
        GroupStrategy base = GroupStrategy.named(name, file.tagPrefix().orElse("group:"), file.rest().orElse(null))
                .orElseGet(() -> new GroupStrategy.Explicit(of(section)));
        int target = file.targetGroups().orElse(0);
        long maxCost = file.maxCost().orElse(0L);
        if (target < 0 || maxCost < 0) {
            throw new ConfigException(root.keyLocation(target < 0 ? "target_groups" : "max_cost"),
                    "target_groups and max_cost must be positive", "Give a number of groups or a cost, e.g. 4.");
        }
        if (target == 0 && maxCost == 0) {
            if (file.costTag().isPresent()) {
                throw new ConfigException(root.keyLocation("cost_tag"), "cost_tag weighs nodes for a merge",
                        "Add target_groups or max_cost, or remove cost_tag.");
            }
            return base;
        }
        return new GroupStrategy.Merged(base, target, maxCost, file.costTag().orElse(null));
    }

    /**
     * The grouping strategy {@code by} asks for ({@code --group-by}, a runner entry's
     * {@code grouping:}), or the deploy config's ({@link #strategyOf(ConfigValue)}) when
     * {@code by} is null. Strategy {@code deploy} is the section's {@code groups:} (and
     * {@code rest:}), merged by {@code by}'s options rather than the file's.
     *
     * @param section the resolved {@code deploy} config section
     * @throws io.sluice.SluiceException for strategy {@code deploy} without a deploy config
     * @throws ConfigException           for a wrong deploy config, at its file:line
     */
    public static GroupStrategy strategyOf(ConfigValue section, GroupBy by) {
        if (by == null) {
            return strategyOf(section);
        }
        GroupStrategy base;
        if (by.strategy().equals("deploy")) {
            if (section instanceof ConfigMap m && m.keys().isEmpty()) {
                throw new io.sluice.SluiceException("No deploy config: grouping by strategy deploy reads groups from "
                        + "conf/base/deploy.yml or conf/<env>/deploy.yml. Write one, e.g. groups: {train: {namespaces: "
                        + "[data_science]}}, or group by another strategy.");
            }
            base = new GroupStrategy.Explicit(of(section));
        } else {
            base = GroupStrategy.named(by.strategy(), by.tagPrefix(), by.rest())
                    .orElseThrow(() -> new IllegalStateException("unknown strategy " + by.strategy()));
        }
        return by.merged() ? new GroupStrategy.Merged(base, by.targetGroups(), by.maxCost(), by.costTag()) : base;
    }

    private record GroupKeys(List<String> nodes, List<String> namespaces, List<String> tags) {
    }

    private static final ConfigBinder<File> BINDER = ConfigBinder.of(File.class, "the deploy config (deploy.yml)");

    /**
     * The spec in a resolved {@code deploy} config section ({@code ProjectConfig.get("deploy")}).
     *
     * @throws ConfigException at the file:line of an unknown key (with close matches), a wrong
     *                         value, a group id that is not a safe name, a group without
     *                         selectors, or no groups at all
     */
    public static DeploySpec of(ConfigValue section) {
        File file = BINDER.bind(section, null);
        ConfigMap root = (ConfigMap) section;
        if ((file.groups() == null || file.groups().isEmpty()) && file.strategy().isPresent()) {
            throw new ConfigException(root.location(), "the deploy config names strategy '" + file.strategy().get()
                    + "' and lists no groups", "Group by that strategy (sluice groups --by " + file.strategy().get()
                    + "), or list groups under 'groups:'.");
        }
        if (file.groups() == null || file.groups().isEmpty()) {
            throw new ConfigException(root.location(), "the deploy config has no groups",
                    "Add them under 'groups:', e.g. groups: {train: {namespaces: [data_science]}}.");
        }
        ConfigMap groupsMap = (ConfigMap) root.get("groups");
        List<DeployGroup> groups = new ArrayList<>();
        for (Map.Entry<String, GroupKeys> e : file.groups().entrySet()) {
            String id = e.getKey();
            Location at = groupsMap.keyLocation(id);
            checkId(id, at);
            ConfigValue body = groupsMap.get(id);
            List<Selector> selectors = new ArrayList<>();
            add(selectors, Kind.NODE, e.getValue().nodes(), body, "nodes");
            add(selectors, Kind.NAMESPACE, e.getValue().namespaces(), body, "namespaces");
            add(selectors, Kind.TAG, e.getValue().tags(), body, "tags");
            if (selectors.isEmpty()) {
                throw new ConfigException(at, "group '" + id + "' selects no node",
                        "Give it nodes, namespaces or tags, e.g. " + id + ": {namespaces: [" + id + "]}.");
            }
            groups.add(new DeployGroup(id, at, selectors));
        }
        file.rest().ifPresent(r -> checkId(r, root.keyLocation("rest")));
        return new DeploySpec(groups, file.rest());
    }

    private static void checkId(String id, Location at) {
        if (!RunIds.isSafeName(id)) {
            throw new ConfigException(at, "group id '" + id + "' is not a safe name",
                    "Use 1 to 128 letters, digits and . _ : + - starting with a letter or digit (it names a "
                            + "journal file).");
        }
    }

    private static void add(List<Selector> out, Kind kind, List<String> names, ConfigValue body, String key) {
        if (names == null || names.isEmpty()) {
            return;
        }
        ConfigValue v = body instanceof ConfigMap m ? m.get(key) : null;
        for (int i = 0; i < names.size(); i++) {
            Location at = v instanceof ConfigList l && i < l.items().size() ? l.items().get(i).location()
                    : v != null ? v.location() : body.location();
            out.add(new Selector(kind, names.get(i), at));
        }
    }
}
