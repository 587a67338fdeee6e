package io.sluice.group;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Grouper} maps nodes to groups. Every strategy is deterministic: the same pipeline
 * structure and persisted datasets give the same groups and ids in every process, whatever order
 * the nodes were declared in. Anonymous groups (components, stages, branches) are named after
 * their first node in execution order; names that are not safe ids are rewritten with a hash
 * suffix (see {@link io.sluice.run.RunIds#isSafeName}).
 */
public sealed interface GroupStrategy {

    /** The strategy as {@link Grouping#strategy()} names it, e.g. {@code memory-components}. */
    String describe();

    /**
     * The strategy a name of {@code sluice groups --by} and deploy.yml's {@code strategy:} gives —
     * {@code node}, {@code namespace}, {@code tag} (with {@code tagPrefix} and {@code rest}),
     * {@code memory-components}, {@code persistence-cuts}, {@code branch} — or empty for another
     * name ({@code deploy}'s explicit groups come from a config, merges wrap one of these).
     */
    static Optional<GroupStrategy> named(String name, String tagPrefix, String rest) {
        return Optional.ofNullable(switch (name) {
            case "node" -> new PerNode();
            case "namespace" -> new ByNamespace();
            case "tag" -> new ByTag(tagPrefix, rest);
            case "memory-components" -> new MemoryComponents();
            case "persistence-cuts" -> new PersistenceCuts();
            case "branch" -> new ByBranch();
            default -> null;
        });
    }

    /** One group per node (Kedro plugins' 1:1): every dataset between nodes must be persisted. */
    record PerNode() implements GroupStrategy {
        @Override
        public String describe() {
            return "node";
        }
    }

    /**
     * One group per top-level namespace ({@code a} for nodes in {@code a} and {@code a.b});
     * nodes without a namespace form the group {@code no-namespace}.
     */
    record ByNamespace() implements GroupStrategy {
        @Override
        public String describe() {
            return "namespace";
        }
    }

    /**
     * One group per tag value: a node tagged {@code group:train} (prefix {@code group:}) is in
     * group {@code train}. A node with two such tags is in two groups (a validation error).
     *
     * @param prefix the tag prefix, e.g. {@code group:}
     * @param rest   the group of nodes without such a tag, or null to leave them in none (an error)
     */
    record ByTag(String prefix, String rest) implements GroupStrategy {
        public ByTag {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String describe() {
            return "tag:" + prefix + (rest == null ? "" : ",rest=" + rest);
        }
    }

    /**
     * Memory-connected components: a memory dataset's producer and consumers share a group, and
     * groups that would depend on each other in a cycle are merged. Always valid: the smallest
     * groups that need no memory dataset across processes.
     */
    record MemoryComponents() implements GroupStrategy {
        @Override
        public String describe() {
            return "memory-components";
        }
    }

    /**
     * Stages between persistence points: the execution order is cut wherever every memory dataset
     * produced so far has been read for the last time, so all live data is on disk at each cut.
     * Stages run one after the other; always valid.
     */
    record PersistenceCuts() implements GroupStrategy {
        @Override
        public String describe() {
            return "persistence-cuts";
        }
    }

    /**
     * Branches of the DAG: maximal chains of nodes (a node joins its parent when each is the
     * other's only neighbour on that side); forks and joins start new groups, as in the parallel
     * runner's unit of work. Acyclic; memory datasets may cross (validation says which).
     */
    record ByBranch() implements GroupStrategy {
        @Override
        public String describe() {
            return "branch";
        }
    }

    /**
     * Groups listed in {@code conf/<env>/deploy.yml}.
     *
     * @param spec the bound file, see {@link DeploySpec}
     */
    record Explicit(DeploySpec spec) implements GroupStrategy {
        public Explicit {
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public String describe() {
            return "deploy" + spec.rest().map(r -> ",rest=" + r).orElse("");
        }
    }

    /**
     * The groups of {@code base}, small neighbours combined until there are at most
     * {@code targetCount} groups or no neighbouring pair fits in {@code maxCost}, never creating
     * a cycle. A node costs 1, or the number in its tag {@code costTagPrefix + N}
     * (e.g. {@code cost:5}). Merged groups keep the id of their earliest group.
     *
     * @param base          a strategy giving a valid partition (checked first)
     * @param targetCount   the number of groups wanted; 0 for no target
     * @param maxCost       the largest cost of a merged group; 0 for no limit
     * @param costTagPrefix the prefix of cost tags, or null for a cost of 1 per node
     */
    record Merged(GroupStrategy base, int targetCount, long maxCost, String costTagPrefix) implements GroupStrategy {
        public Merged {
            Objects.requireNonNull(base, "base");
            if (targetCount < 0 || maxCost < 0 || targetCount == 0 && maxCost == 0) {
                throw new IllegalArgumentException("a merge needs a target count or a maximum cost (positive), got "
                        + "target " + targetCount + " and max cost " + maxCost);
            }
        }

        @Override
        public String describe() {
            return base.describe() + "+merge(" + (targetCount > 0 ? "target=" + targetCount : "")
                    + (targetCount > 0 && maxCost > 0 ? "," : "") + (maxCost > 0 ? "max_cost=" + maxCost : "")
                    + (costTagPrefix == null ? "" : ",cost_tag=" + costTagPrefix) + ")";
        }
    }
}
