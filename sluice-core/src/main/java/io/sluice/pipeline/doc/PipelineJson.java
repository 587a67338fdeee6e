package io.sluice.pipeline.doc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.Suggestions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of a {@link PipelineDocument}, streamed in the schema's field order with a pretty
 * printer fixed to two spaces and {@code \n} (Jackson's default uses the platform's line
 * separator), and read back over Jackson's tree field by field so that errors name the field.
 */
final class PipelineJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
            .withObjectEmptySeparator(""))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT);

    private static final List<String> FIELDS = List.of("schema_version", "pipeline", "structure_hash", "nodes",
            "datasets", "parameters", "reads_all_parameters", "engines", "groups");
    /** Fields that may be left out of a document. */
    private static final List<String> OPTIONAL = List.of("groups");
    private static final List<String> GROUPS_FIELDS = List.of("strategy", "groups", "dependencies",
            "boundary_datasets");
    private static final List<String> GROUP_FIELDS = List.of("id", "nodes");
    private static final List<String> DEPENDENCY_FIELDS = List.of("from", "to", "datasets");
    private static final List<String> BOUNDARY_FIELDS = List.of("dataset", "from", "to", "persisted");
    private static final List<String> NODE_FIELDS = List.of("name", "namespace", "layer", "function", "inputs",
            "outputs", "output_components", "tags");
    private static final List<String> FUNCTION_FIELDS = List.of("ref", "descriptor", "parameter_types",
            "return_type");
    private static final List<String> DATASET_FIELDS = List.of("name", "role", "value_type", "catalog_type",
            "resolution", "persisted", "versioned", "artifact_kind", "engines");
    private static final List<String> PARAM_FIELDS = List.of("name", "type");

    private PipelineJson() {
    }

    // ---------------------------------------------------------------- write

    static String write(PipelineDocument d) {
        StringWriter text = new StringWriter(1024 + 512 * d.nodes().size());
        // streamed, not a tree: a 100,000-node document is tens of megabytes
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter(PRINTER));
            g.writeStartObject();
            g.writeNumberField("schema_version", d.schemaVersion());
            g.writeStringField("pipeline", d.pipeline());
            g.writeStringField("structure_hash", d.structureHash());
            g.writeArrayFieldStart("nodes");
            for (NodeDoc n : d.nodes()) {
                g.writeStartObject();
                g.writeStringField("name", n.name());
                g.writeStringField("namespace", n.namespace());
                g.writeNumberField("layer", n.layer());
                g.writeObjectFieldStart("function");
                g.writeStringField("ref", n.function().ref());
                g.writeStringField("descriptor", n.function().descriptor());
                strings(g, "parameter_types", n.function().parameterTypes());
                g.writeStringField("return_type", n.function().returnType());
                g.writeEndObject();
                strings(g, "inputs", n.inputs());
                strings(g, "outputs", n.outputs());
                strings(g, "output_components", n.outputComponents());
                strings(g, "tags", n.tags());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("datasets");
            for (DatasetDoc ds : d.datasets()) {
                g.writeStartObject();
                g.writeStringField("name", ds.name());
                g.writeStringField("role", ds.role().name().toLowerCase(Locale.ROOT));
                g.writeStringField("value_type", ds.valueType());
                g.writeStringField("catalog_type", ds.catalogType());
                g.writeStringField("resolution", ds.resolution());
                g.writeBooleanField("persisted", ds.persisted());
                g.writeBooleanField("versioned", ds.versioned());
                g.writeStringField("artifact_kind", ds.artifactKind());
                strings(g, "engines", ds.engines());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("parameters");
            for (ParamDoc p : d.parameters()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("type", p.type());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("reads_all_parameters", d.readsAllParameters());
            strings(g, "engines", d.engines());
            if (d.groups() != null) {
                writeGroups(g, d.groups());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.append('\n').toString();
    }

    private static void writeGroups(JsonGenerator g, GroupsDoc groups) throws IOException {
        g.writeObjectFieldStart("groups");
        g.writeStringField("strategy", groups.strategy());
        g.writeArrayFieldStart("groups");
        for (GroupsDoc.Group group : groups.groups()) {
            g.writeStartObject();
            g.writeStringField("id", group.id());
            strings(g, "nodes", group.nodes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("dependencies");
        for (GroupsDoc.Dependency dep : groups.dependencies()) {
            g.writeStartObject();
            g.writeStringField("from", dep.from());
            g.writeStringField("to", dep.to());
            strings(g, "datasets", dep.datasets());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("boundary_datasets");
        for (GroupsDoc.Boundary b : groups.boundaries()) {
            g.writeStartObject();
            g.writeStringField("dataset", b.dataset());
            g.writeStringField("from", b.from());
            strings(g, "to", b.to());
            g.writeBooleanField("persisted", b.persisted());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    // ---------------------------------------------------------------- read

    static PipelineDocument read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("pipeline document: not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("pipeline document: expected a JSON object");
        }
        checkFields(root, FIELDS, "pipeline document");
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw wrongType("schema_version", "an integer", version);
        }
        if (version.asInt() != PipelineDocument.SCHEMA_VERSION) {
            throw new IllegalArgumentException("pipeline document: schema_version " + version.asInt()
                    + " is not supported by this Sluice, which reads version " + PipelineDocument.SCHEMA_VERSION
                    + ". Export the pipeline with the same Sluice version.");
        }
        List<NodeDoc> nodes = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(root, "nodes")) {
            nodes.add(node(n, "nodes[" + i++ + "]"));
        }
        List<DatasetDoc> datasets = new ArrayList<>();
        i = 0;
        for (JsonNode ds : array(root, "datasets")) {
            datasets.add(dataset(ds, "datasets[" + i++ + "]"));
        }
        List<ParamDoc> params = new ArrayList<>();
        i = 0;
        for (JsonNode p : array(root, "parameters")) {
            String at = "parameters[" + i++ + "]";
            object(p, at, PARAM_FIELDS);
            params.add(new ParamDoc(text(p, at, "name"), text(p, at, "type")));
        }
        for (String f : FIELDS) {
            if (!root.has(f) && !OPTIONAL.contains(f)) {
                throw new IllegalArgumentException("pipeline document: " + f + " is missing");
            }
        }
        GroupsDoc groups = root.has("groups") ? groups(root.get("groups")) : null;
        return new PipelineDocument(version.asInt(), text(root, "", "pipeline"), text(root, "", "structure_hash"),
                nodes, datasets, params, bool(root, "", "reads_all_parameters"), strings(root, "", "engines"), groups);
    }

    private static GroupsDoc groups(JsonNode o) {
        String at = "groups";
        object(o, at, GROUPS_FIELDS);
        List<GroupsDoc.Group> groups = new ArrayList<>();
        int i = 0;
        for (JsonNode g : array(o, at, "groups")) {
            String gat = at + ".groups[" + i++ + "]";
            object(g, gat, GROUP_FIELDS);
            groups.add(new GroupsDoc.Group(text(g, gat, "id"), strings(g, gat, "nodes")));
        }
        List<GroupsDoc.Dependency> deps = new ArrayList<>();
        i = 0;
        for (JsonNode d : array(o, at, "dependencies")) {
            String dat = at + ".dependencies[" + i++ + "]";
            object(d, dat, DEPENDENCY_FIELDS);
            deps.add(new GroupsDoc.Dependency(text(d, dat, "from"), text(d, dat, "to"), strings(d, dat, "datasets")));
        }
        List<GroupsDoc.Boundary> boundaries = new ArrayList<>();
        i = 0;
        for (JsonNode b : array(o, at, "boundary_datasets")) {
            String bat = at + ".boundary_datasets[" + i++ + "]";
            object(b, bat, BOUNDARY_FIELDS);
            boundaries.add(new GroupsDoc.Boundary(text(b, bat, "dataset"), text(b, bat, "from"),
                    strings(b, bat, "to"), bool(b, bat, "persisted")));
        }
        return new GroupsDoc(text(o, at, "strategy"), groups, deps, boundaries);
    }

    private static NodeDoc node(JsonNode n, String at) {
        object(n, at, NODE_FIELDS);
        JsonNode layer = n.get("layer");
        if (layer == null || !layer.isIntegralNumber() || !layer.canConvertToInt() || layer.asInt() < 0) {
            throw wrongType(at + ".layer", "an integer of 0 or more", layer);
        }
        String fat = at + ".function";
        JsonNode f = n.get("function");
        object(f, fat, FUNCTION_FIELDS);
        FunctionDoc function = new FunctionDoc(text(f, fat, "ref"), text(f, fat, "descriptor"),
                strings(f, fat, "parameter_types"), text(f, fat, "return_type"));
        return new NodeDoc(text(n, at, "name"), nullableText(n, at, "namespace"), layer.asInt(), function,
                strings(n, at, "inputs"), strings(n, at, "outputs"), strings(n, at, "output_components"),
                strings(n, at, "tags"));
    }

    private static DatasetDoc dataset(JsonNode ds, String at) {
        object(ds, at, DATASET_FIELDS);
        String role = text(ds, at, "role");
        DatasetDoc.Role r;
        try {
            r = DatasetDoc.Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pipeline document: " + at + ".role '" + role
                    + "' is not one of free_input, intermediate, free_output", e);
        }
        return new DatasetDoc(text(ds, at, "name"), r, text(ds, at, "value_type"),
                nullableText(ds, at, "catalog_type"), text(ds, at, "resolution"), bool(ds, at, "persisted"),
                bool(ds, at, "versioned"), text(ds, at, "artifact_kind"), strings(ds, at, "engines"));
    }

    private static void object(JsonNode n, String at, List<String> fields) {
        if (n == null || !n.isObject()) {
            throw wrongType(at, "an object", n);
        }
        checkFields(n, fields, "pipeline document " + at);
        for (String f : fields) {
            if (!n.has(f)) {
                throw new IllegalArgumentException("pipeline document: " + at + "." + f + " is missing");
            }
        }
    }

    private static void checkFields(JsonNode object, List<String> known, String what) {
        Suggestions.requireKnownFields(object.fieldNames(), known, what);
    }

    private static JsonNode array(JsonNode o, String at, String field) {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray()) {
            throw wrongType(path(at, field), "an array", a);
        }
        return a;
    }

    private static JsonNode array(JsonNode o, String field) {
        JsonNode a = o.get(field);
        if (a == null || !a.isArray()) {
            throw wrongType(field, "an array", a);
        }
        return a;
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static String text(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw wrongType(path(at, field), "a string", v);
        }
        return v.asText();
    }

    private static String nullableText(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v != null && v.isNull()) {
            return null;
        }
        return text(o, at, field);
    }

    private static boolean bool(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isBoolean()) {
            throw wrongType(path(at, field), "true or false", v);
        }
        return v.asBoolean();
    }

    private static List<String> strings(JsonNode o, String at, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            throw wrongType(path(at, field), "an array of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(path(at, field) + "[" + out.size() + "]", "a string", e);
            }
            out.add(e.asText());
        }
        return out;
    }

    private static IllegalArgumentException wrongType(String field, String expected, JsonNode got) {
        return new IllegalArgumentException("pipeline document: " + field + " must be " + expected + ", got "
                + (got == null ? "nothing" : got.toString()));
    }
}
