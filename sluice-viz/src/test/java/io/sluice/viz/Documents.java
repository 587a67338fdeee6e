package io.sluice.viz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.run.RunJournal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Several exported documents as one source (test resources), and what the page should draw of one. */
final class Documents implements VizSource {
    private final Map<String, PipelineDocument> documents = new LinkedHashMap<>();

    Documents(String... resources) {
        for (String r : resources) {
            PipelineDocument d = read(r);
            documents.put(d.pipeline(), d);
        }
    }

    static PipelineDocument read(String resource) {
        try (InputStream in = Documents.class.getResourceAsStream(resource)) {
            return PipelineDocument.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vertex ids the page draws for {@code doc} with every namespace expanded. */
    static TreeSet<String> vertices(PipelineDocument doc) {
        TreeSet<String> out = new TreeSet<>();
        for (NodeDoc n : doc.nodes()) {
            out.add("n:" + n.name());
            n.inputs().stream().map(Documents::dataId).filter(id -> id != null).forEach(out::add);
            n.outputs().forEach(o -> out.add("d:" + o));
        }
        return out;
    }

    /** The edges ({@code from -> to}) the page draws for {@code doc} with every namespace expanded. */
    static TreeSet<String> edges(PipelineDocument doc) {
        TreeSet<String> out = new TreeSet<>();
        for (NodeDoc n : doc.nodes()) {
            n.inputs().stream().map(Documents::dataId).filter(id -> id != null)
                    .forEach(id -> out.add(id + " -> n:" + n.name()));
            n.outputs().forEach(o -> out.add("n:" + n.name() + " -> d:" + o));
        }
        return out;
    }

    private static String dataId(String input) {
        if (input.startsWith("engine:") || input.equals("run:context")) {
            return null;
        }
        if (input.startsWith("params:")) {
            return "p:" + input.substring("params:".length());
        }
        return input.equals("parameters") ? "p:parameters" : "d:" + input;
    }

    @Override
    public List<String> pipelines() {
        return List.copyOf(documents.keySet());
    }

    @Override
    public String defaultPipeline() {
        return pipelines().get(0);
    }

    @Override
    public PipelineDocument document(String pipeline) {
        return documents.get(pipeline);
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
        return new DocumentSource(documents.get(pipeline)).grouping(pipeline, strategy, merge);
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
        throw new UnsupportedOperationException();
    }
}
