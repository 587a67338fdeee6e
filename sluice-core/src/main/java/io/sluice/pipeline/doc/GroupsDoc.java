package io.sluice.pipeline.doc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The optional {@code groups} section of a {@link PipelineDocument}: the pipeline's nodes mapped
 * onto deployable groups ({@code sluice pipelines export --group-by STRATEGY}), in the shape of
 * {@code sluice groups --format json}'s grouping. Only a grouping that passed validation is
 * exported, so every node is in exactly one group, the groups form a DAG and only persisted
 * datasets cross them.
 *
 * @param strategy     how the groups were made, e.g. {@code memory-components} or
 *                     {@code merged(namespace, target 4)}
 * @param groups       the groups, by their first member's position in the pipeline
 * @param dependencies pairs of groups where the second reads data the first produces
 * @param boundaries   datasets produced in one group and read in others
 *                     ({@code boundary_datasets})
 */
public record GroupsDoc(String strategy, List<Group> groups, List<Dependency> dependencies,
                        List<Boundary> boundaries) {

    public GroupsDoc {
        Docs.require(strategy, "groups.strategy");
        groups = List.copyOf(groups);
        dependencies = List.copyOf(dependencies);
        boundaries = List.copyOf(boundaries);
        Set<String> ids = new HashSet<>();
        for (Group g : groups) {
            if (!ids.add(g.id())) {
                throw new IllegalArgumentException("pipeline document: group '" + g.id() + "' appears twice; "
                        + "group ids are unique");
            }
        }
        for (Dependency d : dependencies) {
            known(ids, d.from(), "a dependency");
            known(ids, d.to(), "a dependency");
        }
        for (Boundary b : boundaries) {
            known(ids, b.from(), "boundary dataset '" + b.dataset() + "'");
            b.to().forEach(to -> known(ids, to, "boundary dataset '" + b.dataset() + "'"));
        }
    }

    private static void known(Set<String> ids, String id, String what) {
        if (!ids.contains(id)) {
            throw new IllegalArgumentException("pipeline document: " + what + " names group '" + id
                    + "', which is not among the groups");
        }
    }

    /** The group with that id, or {@code null}. */
    public Group group(String id) {
        for (Group g : groups) {
            if (g.id().equals(id)) {
                return g;
            }
        }
        return null;
    }

    /**
     * One group.
     *
     * @param id    its id, stable across processes for the same structure and strategy
     * @param nodes its members, in pipeline order
     */
    public record Group(String id, List<String> nodes) {
        public Group {
            Docs.require(id, "group id");
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * Group {@code to} reads what group {@code from} produces.
     *
     * @param datasets the datasets it reads, sorted
     */
    public record Dependency(String from, String to, List<String> datasets) {
        public Dependency {
            Docs.require(from, "dependency from");
            Docs.require(to, "dependency to");
            datasets = List.copyOf(datasets);
        }
    }

    /**
     * A dataset crossing groups.
     *
     * @param dataset   its name
     * @param from      the group producing it
     * @param to        the groups reading it
     * @param persisted whether it outlives a group's process (always, in a valid grouping)
     */
    public record Boundary(String dataset, String from, List<String> to, boolean persisted) {
        public Boundary {
            Docs.require(dataset, "boundary dataset");
            Docs.require(from, "boundary from");
            to = List.copyOf(to);
        }
    }
}
