package io.sluice.viz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.group.Grouper;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.run.RunJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One exported pipeline document: the graph, its details and its groupings (computed from the
 * document alone); no catalog configuration, deploy.yml, group rules or runs.
 */
final class DocumentSource implements VizSource {
    private final PipelineDocument document;

    DocumentSource(PipelineDocument document) {
        this.document = document;
    }

    static DocumentSource read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new SluiceException("Cannot read the pipeline document " + file + ": " + e.getMessage(), e);
        }
        try {
            return new DocumentSource(PipelineDocument.fromJson(json));
        } catch (IllegalArgumentException e) {
            throw new SluiceException(file + " is not a pipeline document (write one with sluice pipelines "
                    + "export): " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> pipelines() {
        return List.of(document.pipeline());
    }

    @Override
    public String defaultPipeline() {
        return document.pipeline();
    }

    @Override
    public PipelineDocument document(String pipeline) {
        if (!document.pipeline().equals(pipeline)) {
            throw new SluiceException("No pipeline '" + pipeline + "' in this document: it holds '"
                    + document.pipeline() + "'");
        }
        return document;
    }

    @Override
    public ObjectNode datasetConfigs(String pipeline) {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public List<String> strategies() {
        return Groupings.STRATEGIES;
    }

    @Override
    public ObjectNode grouping(String pipeline, String strategy, Merge merge) {
        PipelineDocument doc = document(pipeline);
        return Groupings.json(() -> Grouper.of(doc), () -> Groupings.named(strategy).orElseThrow(
                () -> new IllegalArgumentException("Unknown grouping strategy '" + strategy + "': one of "
                        + String.join(", ", strategies()))), merge, Map.of());
    }

    @Override
    public List<RunJournal> runs() {
        return List.of();
    }

    @Override
    public Optional<RunJournal> run(String runId) {
        return Optional.empty();
    }

    @Override
    public String runJson(RunJournal run) {
        throw new UnsupportedOperationException("no runs without a project");
    }
}
