package io.sluice.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON of journals, with the snake_case field names and lower-case states the server's JSON
 * uses: the lines of a part file, and the merged view {@code sluice runs show --format json}
 * prints.
 */
final class JournalJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JournalJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode spec(RunSpec spec) {
        try {
            return MAPPER.readTree(spec.toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunSpec spec(JsonNode node) {
        return node == null || node.isNull() ? null : RunSpec.fromJson(node.toString());
    }

    static ObjectNode node(RunJournal.NodeRecord n) {
        ObjectNode o = object();
        o.put("name", n.name());
        o.put("state", n.state().jsonName());
        o.put("started_at", n.startedAt());
        o.put("duration_ms", n.durationMs());
        o.put("error", n.error());
        if (n.attempts() > 1) {
            o.put("attempts", n.attempts()); // retried under the runner's policy; 1 otherwise
        }
        if (!n.saved().isEmpty()) {
            ArrayNode saved = o.putArray("saved");
            n.saved().forEach(saved::add);
        }
        return o;
    }

    static RunJournal.NodeRecord node(JsonNode o) {
        List<String> saved = new ArrayList<>();
        o.path("saved").forEach(d -> saved.add(d.asText()));
        return new RunJournal.NodeRecord(o.path("name").asText(), NodeState.ofJsonName(o.path("state").asText()),
                text(o, "started_at"), o.path("duration_ms").asDouble(), text(o, "error"), saved,
                o.has("attempts") ? o.get("attempts").asInt() : NodeState.ofJsonName(o.path("state").asText())
                        == NodeState.NOT_RUN ? 0 : 1);
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The merged view, indented. */
    static String view(RunJournal j) {
        ObjectNode o = object();
        o.put("run_id", j.runId());
        o.put("pipeline", j.pipeline());
        o.put("state", j.state().jsonName());
        o.put("started_at", j.startedAt());
        o.put("finished_at", j.finishedAt());
        o.put("error", j.error());
        List<String> missing = j.missingGroups();
        if (!missing.isEmpty()) {
            ArrayNode m = o.putArray("missing_groups");
            missing.forEach(m::add);
        }
        ArrayNode parts = o.putArray("parts");
        for (RunJournal.Part p : j.parts()) {
            ObjectNode po = parts.addObject();
            po.put("group", p.group());
            po.set("spec", spec(p.spec()));
            po.put("runner", p.runner());
            po.put("git_commit", p.gitCommit());
            po.put("structure_hash", p.structureHash());
            if (!p.nodeHashes().isEmpty()) {
                ObjectNode hashes = po.putObject("node_hashes");
                p.nodeHashes().forEach(hashes::put);
            }
            po.put("host", p.host());
            po.put("pid", p.pid());
            po.put("attempt", p.attempt());
            po.put("started_at", p.startedAt());
            po.put("finished_at", p.finishedAt());
            po.put("state", p.state().jsonName());
            po.put("error", p.error());
            ArrayNode nodes = po.putArray("nodes");
            p.nodes().forEach(n -> nodes.add(node(n)));
            ObjectNode versions = po.putObject("dataset_versions");
            p.datasetVersions().forEach(versions::put);
            po.set("resume", p.resume() == null ? null : spec(p.resume()));
            if (!p.groups().isEmpty()) {
                ArrayNode ids = po.putArray("groups");
                p.groups().forEach(ids::add);
            }
        }
        try {
            return PRETTY.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putVersions(ObjectNode o, Map<String, String> versions) {
        if (!versions.isEmpty()) {
            ObjectNode v = o.putObject("versions");
            versions.forEach(v::put);
        }
    }
}
