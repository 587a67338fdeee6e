package io.sluice.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.pipeline.doc.GroupsDoc;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes of a pipeline mapped onto groups: an immutable value, deterministic for the same pipeline
 * structure, catalog and strategy (whatever order the nodes were declared in).
 *
 * <p>A grouping may be invalid (nodes in no group or in several, cycles, memory datasets
 * crossing groups); {@link Grouper#check} says so. Its parts are in a deterministic order:
 * groups by their first member's position in the pipeline, dependencies by their groups' order,
 * boundary datasets by their producer's position.
 *
 * @param pipeline       the registered pipeline's name, or null when unnamed
 * @param strategy       how the groups were made, e.g. {@code memory-components}
 * @param groups         the groups
 * @param dependencies   pairs of groups where the second reads data the first produces
 * @param boundaries     datasets produced in one group and consumed in another
 * @param ungrouped      nodes in no group, in pipeline order
 * @param inSeveralGroups nodes in more than one group, with those groups, in pipeline order
 */
public record Grouping(String pipeline, String strategy, List<Group> groups, List<GroupDependency> dependencies,
        List<BoundaryDataset> boundaries, List<String> ungrouped, Map<String, List<String>> inSeveralGroups) {

    public Grouping {
        groups = List.copyOf(groups);
        dependencies = List.copyOf(dependencies);
        boundaries = List.copyOf(boundaries);
        ungrouped = List.copyOf(ungrouped);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        inSeveralGroups.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        inSeveralGroups = Collections.unmodifiableMap(copy);
    }

    /** The group with that id, or null. */
    public Group group(String id) {
        for (Group g : groups) {
            if (g.id().equals(id)) {
                return g;
            }
        }
        return null;
    }

    /** The ids of the groups, in order. */
    public List<String> groupIds() {
        return groups.stream().map(Group::id).toList();
    }

    /** This grouping as JSON, with the fields of this record in snake_case, in this order. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        if (pipeline != null) {
            o.put("pipeline", pipeline);
        }
        o.put("strategy", strategy);
        ArrayNode gs = o.putArray("groups");
        for (Group g : groups) {
            ObjectNode go = gs.addObject().put("id", g.id());
            g.nodes().forEach(go.putArray("nodes")::add);
        }
        ArrayNode ds = o.putArray("dependencies");
        for (GroupDependency d : dependencies) {
            ObjectNode dob = ds.addObject().put("from", d.from()).put("to", d.to());
            d.datasets().forEach(dob.putArray("datasets")::add);
        }
        ArrayNode bs = o.putArray("boundary_datasets");
        for (BoundaryDataset b : boundaries) {
            ObjectNode bo = bs.addObject().put("dataset", b.dataset()).put("from", b.from());
            b.to().forEach(bo.putArray("to")::add);
            bo.put("persisted", b.persisted());
        }
        ungrouped.forEach(o.putArray("ungrouped")::add);
        ObjectNode several = o.putObject("in_several_groups");
        inSeveralGroups.forEach((node, ids) -> ids.forEach(several.putArray(node)::add));
        return o;
    }

    /**
     * The {@code groups} section of a pipeline document for this grouping, which should have
     * passed {@link Grouper#check}: nodes in no group or in several cannot be written there.
     */
    public GroupsDoc toDoc() {
        return new GroupsDoc(strategy,
                groups.stream().map(g -> new GroupsDoc.Group(g.id(), g.nodes())).toList(),
                dependencies.stream().map(d -> new GroupsDoc.Dependency(d.from(), d.to(), d.datasets())).toList(),
                boundaries.stream().map(b -> new GroupsDoc.Boundary(b.dataset(), b.from(), b.to(), b.persisted()))
                        .toList());
    }
}
