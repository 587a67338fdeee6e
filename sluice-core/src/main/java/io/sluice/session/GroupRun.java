package io.sluice.session;

import io.sluice.group.Group;
import io.sluice.group.Grouping;
import io.sluice.io.DataCatalog;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run of one group of a pipeline needs besides its spec: the group's nodes as a pipeline,
 * the ids of every group of the grouping (recorded in the journal so that a view of the run can
 * tell which groups have not run), and the versioned datasets the group reads that some node of
 * the pipeline writes. Those are pinned to the run id: a group running in another process loads
 * exactly the version its upstream group of the same run saved, never the latest one of another
 * run. Immutable; one per session, pipeline and group.
 *
 * @param pipeline  the group's nodes
 * @param groupIds  the ids of every group of the grouping, in order
 * @param pinned    the versioned datasets the group reads that the pipeline produces
 */
record GroupRun(Pipeline pipeline, List<String> groupIds, Set<String> pinned) {

    GroupRun {
        groupIds = List.copyOf(groupIds);
        pinned = Set.copyOf(pinned);
    }

    static GroupRun of(Pipeline registered, Grouping grouping, Group group, DataCatalog catalog) {
        Pipeline nodes = registered.filter(PipelineFilter.NONE.withNodeNames(new LinkedHashSet<>(group.nodes())));
        Set<String> produced = registered.allOutputs();
        Set<String> pinned = new LinkedHashSet<>();
        for (Node n : nodes.nodes()) {
            for (String input : n.inputs()) {
                if (InputKind.of(input) == InputKind.DATASET && produced.contains(input)
                        && catalog.dataset(input).isVersioned()) {
                    pinned.add(input);
                }
            }
        }
        return new GroupRun(nodes, grouping.groupIds(), pinned);
    }

    /**
     * The load versions of a run {@code runId} of this group: {@code runId} for every pinned
     * dataset, under what the spec pins itself ({@code asked} wins).
     */
    Map<String, String> pins(String runId, Map<String, String> asked) {
        if (pinned.isEmpty()) {
            return asked;
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String d : pinned) {
            versions.put(d, runId);
        }
        versions.putAll(asked);
        return versions;
    }
}
