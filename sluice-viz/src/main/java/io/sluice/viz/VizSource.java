package io.sluice.viz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.group.GroupStrategy;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.run.RunJournal;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the viz page draws: pipeline documents, and where a project is at hand its catalog
 * configuration, groupings and run journals. Nothing here loads a class of the project beyond
 * what the session already did; a source read from an exported pipeline file needs no project at all.
 */
public interface VizSource {

    /** The registered pipeline names, sorted. */
    List<String> pipelines();

    /** The pipeline the page opens first. */
    String defaultPipeline();

    /** The document of {@code pipeline}. */
    PipelineDocument document(String pipeline);

    /**
     * How the catalog resolves each dataset of {@code pipeline}, by dataset name:
     * {@code {"resolved_by", "pattern", "type", "config", "declared_at"}} with secrets masked; empty
     * without a project.
     */
    ObjectNode datasetConfigs(String pipeline);

    /** The grouping strategies {@link #grouping} accepts; empty without a project. */
    List<String> strategies();

    /**
     * {@code {"grouping": ..., "check": ...}} of {@code pipeline} by {@code strategy} (see
     * {@link #strategies()}), merged by {@code merge} unless it is null, or
     * {@code {"error": message}} when the strategy cannot group it.
     */
    ObjectNode grouping(String pipeline, String strategy, Merge merge);

    /**
     * Small neighbouring groups combined, as {@code target_groups}, {@code max_cost} and
     * {@code cost_tag} of deploy.yml do (see {@link GroupStrategy.Merged}).
     *
     * @param targetGroups the number of groups wanted, 0 for no target
     * @param maxCost      the largest cost of a merged group, 0 for no limit
     * @param costTag      the prefix of cost tags ({@code cost:} weighs a node tagged {@code cost:5}
     *                     as 5), or null for a cost of 1 per node
     */
    record Merge(int targetGroups, long maxCost, String costTag) {
        /** {@code base} merged this way. */
        GroupStrategy of(GroupStrategy base) {
            return new GroupStrategy.Merged(base, targetGroups, maxCost, costTag);
        }
    }

    /** The runs with a journal, newest first; empty without a project. */
    List<RunJournal> runs();

    /** The journal of run {@code runId}. */
    Optional<RunJournal> run(String runId);

    /** The journal of run {@code runId} as {@code io.sluice.journal.JournalStore#toJson} writes it. */
    String runJson(RunJournal run);

    /** A source over a compiled project: its pipelines, catalog, groupings and journals. */
    static VizSource of(Session session) {
        return new SessionSource(session, false);
    }

    /**
     * A source over a compiled project that owns its session: {@link WatchedSource} closes it
     * (it is {@link AutoCloseable}) when a change replaces it, or when it stops.
     */
    static VizSource owning(Session session) {
        return new SessionSource(session, true);
    }

    /** A source over one exported pipeline document ({@code sluice pipelines export}), no project needed. */
    static VizSource fromFile(Path documentJson) {
        return DocumentSource.read(documentJson);
    }
}
