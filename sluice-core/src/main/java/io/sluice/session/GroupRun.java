package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.group.BoundaryDataset;
import io.sluice.group.Group;
import io.sluice.group.Grouping;
import io.sluice.io.DataCatalog;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunContext;
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
 * @param id        the group's id
 * @param pipeline  the group's nodes
 * @param groupIds  the ids of every group of the grouping, in order
 * @param pinned    the versioned datasets the group reads that the pipeline produces
 * @param upstream  of those, the ones another group writes, with that group's id
 */
record GroupRun(String id, Pipeline pipeline, List<String> groupIds, Set<String> pinned,
                Map<String, String> upstream) {

    GroupRun {
        groupIds = List.copyOf(groupIds);
        pinned = Set.copyOf(pinned);
        upstream = Map.copyOf(upstream);
    }

    /**
     * Refuses a run whose upstream groups have not written the versions it pins: before any node
     * runs, naming the dataset, the group that writes it and the command that runs that group.
     */
    void checkUpstream(String pipelineName, io.sluice.run.GroupBy by, DataCatalog catalog, RunContext run) {
        for (Map.Entry<String, String> e : upstream.entrySet()) {
            String version = run.loadVersion(e.getKey()).orElse(null);
            if (run.runId().equals(version) && !catalog.dataset(e.getKey()).exists(run)) {
                throw new SluiceException("Group " + id + " of run " + run.runId() + " reads version "
                        + version + " of dataset '" + e.getKey() + "', which group " + e.getValue() + " writes, and "
                        + "that version does not exist yet. Run group " + e.getValue() + " of the same run first (sluice "
                        + "run -p " + pipelineName + " --group " + e.getValue() + (by == null ? "" : " "
                        + by.asOptions()) + " --run-id " + run.runId() + "), or every group in order with a process launcher (launcher: process in runners.yml).");
            }
        }
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
        Map<String, String> upstream = new LinkedHashMap<>();
        for (BoundaryDataset b : grouping.boundaries()) {
            if (pinned.contains(b.dataset()) && b.to().contains(group.id()) && !b.from().equals(group.id())) {
                upstream.put(b.dataset(), b.from());
            }
        }
        return new GroupRun(group.id(), nodes, grouping.groupIds(), pinned, upstream);
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
