package io.sluice.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.Suggestions;
import io.sluice.pipeline.PipelineFilter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link RunSpec} (schema: {@code run-spec.schema.json}). Written by hand over
 * Jackson's tree so that the field names are the documented snake_case ones and every error names
 * the field.
 */
final class RunSpecJson {
    /** The version of the format this code writes and reads. */
    static final int VERSION = 1;
    // a field given twice is refused rather than the last value winning silently
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final List<String> FIELDS = List.of("spec_version", "pipeline", "selection",
            "only_missing_outputs", "group", "group_by", "runner", "max_workers", "run_id", "params", "load_versions", "outputs",
            "env", "journal");
    private static final List<String> GROUP_BY_FIELDS = List.of("strategy", "tag_prefix", "rest", "target_groups",
            "max_cost", "cost_tag");
    private static final List<String> SELECTION_FIELDS = List.of("nodes", "from_nodes", "to_nodes", "from_inputs",
            "to_outputs", "tags", "namespaces");

    private RunSpecJson() {
    }

    static String write(RunSpec spec) {
        return toTree(spec).toString();
    }

    static ObjectNode toTree(RunSpec spec) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("spec_version", VERSION);
        o.put("pipeline", spec.pipeline());
        if (spec.runId() != null) {
            o.put("run_id", spec.runId());
        }
        if (spec.group() != null) {
            o.put("group", spec.group());
        }
        if (spec.groupBy() != null) {
            GroupBy g = spec.groupBy();
            ObjectNode by = o.putObject("group_by");
            by.put("strategy", g.strategy());
            if (g.tagPrefix() != null) {
                by.put("tag_prefix", g.tagPrefix());
            }
            if (g.rest() != null) {
                by.put("rest", g.rest());
            }
            if (g.targetGroups() > 0) {
                by.put("target_groups", g.targetGroups());
            }
            if (g.maxCost() > 0) {
                by.put("max_cost", g.maxCost());
            }
            if (g.costTag() != null) {
                by.put("cost_tag", g.costTag());
            }
        }
        if (!spec.selection().isEmpty()) {
            ObjectNode s = o.putObject("selection");
            PipelineFilter f = spec.selection();
            names(s, "nodes", f.nodeNames());
            names(s, "from_nodes", f.fromNodes());
            names(s, "to_nodes", f.toNodes());
            names(s, "from_inputs", f.fromInputs());
            names(s, "to_outputs", f.toOutputs());
            names(s, "tags", f.tags());
            names(s, "namespaces", f.namespaces());
        }
        if (spec.onlyMissingOutputs()) {
            o.put("only_missing_outputs", true);
        }
        if (!RunSpec.DEFAULT_RUNNER.equals(spec.runner())) {
            o.put("runner", spec.runner());
        }
        if (spec.maxWorkers() != 0) {
            o.put("max_workers", spec.maxWorkers());
        }
        if (!spec.params().isEmpty()) {
            try {
                o.set("params", MAPPER.valueToTree(spec.params()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("params of a run spec must be plain data (strings, numbers, "
                        + "booleans, null, lists and maps of these); " + e.getMessage(), e);
            }
        }
        if (!spec.loadVersions().isEmpty()) {
            ObjectNode v = o.putObject("load_versions");
            spec.loadVersions().forEach(v::put);
        }
        if (!spec.outputs().isEmpty()) {
            names(o, "outputs", spec.outputs());
        }
        if (spec.env() != null) {
            o.put("env", spec.env());
        }
        if (!spec.journal()) {
            o.put("journal", false);
        }
        return o;
    }

    private static void names(ObjectNode into, String field, Set<String> names) {
        if (!names.isEmpty()) {
            ArrayNode a = into.putArray(field);
            names.forEach(a::add);
        }
    }

    static RunSpec read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run spec: not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        return fromTree(root);
    }

    static RunSpec fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("run spec: expected a JSON object");
        }
        checkFields(root, FIELDS, "run spec");
        JsonNode version = root.get("spec_version");
        if (version != null && (!version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1
                || version.asInt() > VERSION)) {
            throw new IllegalArgumentException("run spec: spec_version " + version + " is not supported by this "
                    + "Sluice, which reads version " + VERSION + ". Write the spec with the same Sluice version.");
        }
        RunSpec.Builder b = RunSpec.builder(text(root, "pipeline"));
        JsonNode selection = root.get("selection");
        if (selection != null && !selection.isNull()) {
            if (!selection.isObject()) {
                throw wrongType("selection", "an object", selection);
            }
            checkFields(selection, SELECTION_FIELDS, "run spec selection");
            String in = "selection.";
            b.selection(new PipelineFilter(set(selection, in, "nodes"), set(selection, in, "from_nodes"),
                    set(selection, in, "to_nodes"), set(selection, in, "from_inputs"), set(selection, in, "to_outputs"),
                    set(selection, in, "tags"), set(selection, in, "namespaces")));
        }
        b.onlyMissingOutputs(bool(root, "only_missing_outputs", false));
        b.group(safeName(root, "group"));
        b.groupBy(groupBy(root.get("group_by")));
        b.runner(text(root, "runner"));
        JsonNode workers = root.get("max_workers");
        if (workers != null && !workers.isNull()) {
            if (!workers.canConvertToInt() || !workers.isIntegralNumber() || workers.asInt() < 0) {
                throw wrongType("max_workers", "an integer of 0 or more", workers);
            }
            b.maxWorkers(workers.asInt());
        }
        b.runId(safeName(root, "run_id"));
        JsonNode params = root.get("params");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                throw wrongType("params", "an object", params);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
            b.params(values);
        }
        JsonNode versions = root.get("load_versions");
        if (versions != null && !versions.isNull()) {
            if (!versions.isObject()) {
                throw wrongType("load_versions", "an object of dataset names to versions", versions);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "load_versions." + e.getKey();
                if (!e.getValue().isTextual()) {
                    throw wrongType(field, "a string", e.getValue());
                }
                if (!RunIds.isSafeName(e.getValue().asText())) {
                    throw new IllegalArgumentException("run spec: " + RunSpec.unsafe(field, e.getValue().asText()));
                }
                b.loadVersion(e.getKey(), e.getValue().asText());
            }
        }
        b.outputs(set(root, "", "outputs"));
        b.env(text(root, "env"));
        b.journal(bool(root, "journal", true));
        try {
            return b.build();
        } catch (RuntimeException e) { // each field was checked above; this is a guard, its message names the field
            throw new IllegalArgumentException("run spec: " + e.getMessage(), e);
        }
    }

    /** {@code group_by}: the grouping of a run of one group, or null (the deploy config's). */
    private static GroupBy groupBy(JsonNode by) {
        if (by == null || by.isNull()) {
            return null;
        }
        if (!by.isObject()) {
            throw wrongType("group_by", "an object", by);
        }
        checkFields(by, GROUP_BY_FIELDS, "run spec group_by");
        JsonNode target = by.get("target_groups");
        JsonNode cost = by.get("max_cost");
        if (target != null && !target.isNull() && (!target.isIntegralNumber() || !target.canConvertToInt())) {
            throw wrongType("group_by.target_groups", "an integer", target);
        }
        if (cost != null && !cost.isNull() && (!cost.isIntegralNumber() || !cost.canConvertToLong())) {
            throw wrongType("group_by.max_cost", "an integer", cost);
        }
        try {
            return new GroupBy(text(by, "strategy"), text(by, "tag_prefix"), text(by, "rest"),
                    target == null || target.isNull() ? 0 : target.asInt(), cost == null || cost.isNull() ? 0
                    : cost.asLong(), text(by, "cost_tag"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run spec: group_by: " + e.getMessage(), e);
        }
    }

    private static void checkFields(JsonNode object, List<String> known, String what) {
        Suggestions.requireKnownFields(object.fieldNames(), known, what);
    }

    /** A string field, absent or null as null; the schema's strings are all non-empty. */
    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        if (v.asText().isEmpty()) {
            throw wrongType(field, "a non-empty string", v);
        }
        return v.asText();
    }

    /** A run id or group: it names a file, so the error says so and names the field. */
    private static String safeName(JsonNode o, String field) {
        String v = text(o, field);
        if (v != null && !RunIds.isSafeName(v)) {
            throw new IllegalArgumentException("run spec: " + RunSpec.unsafe(field, v));
        }
        return v;
    }

    private static boolean bool(JsonNode o, String field, boolean absent) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.asBoolean();
    }

    /** A list of names; {@code prefix} places the field in the document ({@code selection.}) for messages. */
    private static Set<String> set(JsonNode o, String prefix, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Set.of();
        }
        if (!v.isArray()) {
            throw wrongType(prefix + field, "a list of strings", v);
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(prefix + field, "a list of strings", v);
            }
            if (item.asText().isEmpty()) {
                throw wrongType(prefix + field, "a list of non-empty strings", v);
            }
            out.add(item.asText());
        }
        return out;
    }

    private static IllegalArgumentException wrongType(String field, String expected, JsonNode got) {
        return new IllegalArgumentException("run spec: " + field + " must be " + expected + ", got "
                + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + got);
    }
}
