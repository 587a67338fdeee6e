package io.sluice.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Pipeline;
import io.sluice.session.PipelineDescription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One exposed pipeline, prepared once when the server starts: for every dataset a client may
 * inject, the Java type its consumer declares and a Jackson reader for it; the parameters it
 * reads; its outputs; the JSON Schemas of all of these. Requests are then bound without any
 * reflection. Immutable and shared by all request threads.
 *
 * <p>Every type comes from the session's {@link PipelineDescription} of the pipeline: an injected
 * dataset is bound to the declared parameter type of its first consumer in execution order (see
 * there for what happens when consumers disagree), or, for a free output asked back, to the
 * type its producer returns.
 */
final class PipelineApi {
    /** Jackson's "[Source: REDACTED (...); line: 1..." in nested locations: the source is noise here. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; ");
    private static final Set<String> BODY_FIELDS = Set.of("inputs", "params", "outputs");
    /**
     * How Jackson's parser begins the error for a repeated key ({@code Duplicate field 'x'}), which
     * has no type of its own; {@code RequestErrorsTest} holds the wording.
     */
    private static final String DUPLICATE = "Duplicate field '";
    /** How Jackson begins the error for content after the body's value. */
    private static final String TRAILING = "Trailing token";
    /** Reads a part of a body as a tree (what follows the part is not "trailing"). */
    private static final ObjectReader TREE = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    final String name;
    final Pipeline pipeline;
    /** Whether this pipeline's in-memory runs may still execute on IO threads ({@code run_on: auto}). */
    final IoThreadBudget ioThreadBudget;
    /** This pipeline's run counters ({@code GET /metrics}). */
    final RunMetrics metrics;
    private final Map<String, ObjectReader> readers = new HashMap<>();
    /** The raw class of each injectable dataset, for the scalar shortcuts of {@link #streamValue}. */
    private final Map<String, Class<?>> rawTypes = new HashMap<>();
    private final List<String> freeInputs;
    private final List<String> requiredInputs;
    private final Set<String> produced;
    /** The pipeline's inputs, params and outputs with their declared types, computed by the session. */
    private final PipelineDescription description;
    /** The names of the parameters the pipeline reads, for {@link #knownParam} and its error message. */
    private final List<String> paramNames;
    /** The parameters clients may override ({@code params:} of server.yml): dotted paths and what is under them. */
    private final List<String> allowedParams;
    /** This pipeline's artifacts that requests may not inject (not listed in {@code injectable:}). */
    private final Set<String> closedArtifacts;

    /** What a run request asks for, bound to Java values. */
    record Parsed(Map<String, Object> inputs, Map<String, Object> params, List<String> outputs) {
    }

    /**
     * Whether a free input is an artifact: the catalog stores it outside memory, so a run reads it
     * once and every run shares it (a trained model, a lookup table). A server does not take it
     * from requests unless {@code injectable:} lists it.
     */
    static boolean isArtifact(PipelineDescription.Input input) {
        return !input.required() && input.persistent();
    }

    /** Whether the allowed parameter path {@code allowed} covers {@code path}: equal, or {@code path} is under it. */
    static boolean covers(String allowed, String path) {
        return path.equals(allowed) || path.startsWith(allowed + ".");
    }

    /**
     * @param description   what {@code pipeline} takes and gives ({@link io.sluice.session.Session#describe})
     * @param injectable    the artifacts requests may inject ({@code injectable:} of server.yml)
     * @param allowedParams the parameters requests may override ({@code params:} of server.yml)
     * @param metrics       where its runs are counted
     */
    PipelineApi(PipelineDescription description, Pipeline pipeline, IoThreadBudget ioThreadBudget,
                List<String> injectable, List<String> allowedParams, RunMetrics metrics) {
        this.metrics = metrics;
        this.name = description.pipeline();
        this.description = description;
        this.ioThreadBudget = ioThreadBudget;
        this.pipeline = pipeline;
        this.produced = pipeline.allOutputs();
        List<String> free = new ArrayList<>();
        List<String> required = new ArrayList<>();
        Set<String> closed = new java.util.TreeSet<>();
        for (PipelineDescription.Input input : description.inputs()) {
            if (isArtifact(input) && !injectable.contains(input.name())) {
                closed.add(input.name());
                continue;
            }
            free.add(input.name());
            if (input.required()) {
                required.add(input.name());
            }
        }
        this.freeInputs = Collections.unmodifiableList(free);
        this.requiredInputs = Collections.unmodifiableList(required);
        this.closedArtifacts = Collections.unmodifiableSet(closed);
        for (PipelineDescription.DatasetInfo dataset : description.datasets()) {
            if (closed.contains(dataset.name())) {
                continue;
            }
            JavaType javaType = Json.MAPPER.getTypeFactory().constructType(dataset.type());
            rawTypes.put(dataset.name(), javaType.getRawClass());
            // the streaming path reads each value from the middle of the body: what follows is not "trailing"
            readers.put(dataset.name(), Json.MAPPER.readerFor(javaType)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
        this.paramNames = description.params().stream().map(PipelineDescription.Param::name).toList();
        this.allowedParams = List.copyOf(allowedParams);
    }

    // ---------------------------------------------------------------- binding requests

    /**
     * Reads a run request body: {@code {"inputs": {...}, "params": {...}, "outputs": [...]}},
     * every part optional.
     *
     * @throws HttpError 400 for malformed JSON or a body of the wrong shape, 422 for content that
     *                   does not fit the pipeline (unknown dataset, wrong type, missing input,
     *                   unknown parameter or output)
     */
    Parsed parse(byte[] body) {
        if (body.length == 0) {
            return check(new Parsed(Map.of(), Map.of(), List.of()));
        }
        Parsed streamed = stream(body);
        return streamed != null ? check(streamed) : parseTree(body);
    }

    /**
     * Binds a well-formed request in one pass over the body, each input straight into its
     * declared type; {@code null} at the first thing out of the ordinary (malformed JSON, an
     * unknown field or dataset, a null, a value that does not bind), so that {@link #parseTree}
     * reads the body again and describes the problem. Both accept exactly the same requests.
     * Package-private for tests.
     */
    Parsed stream(byte[] body) {
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> inputs = Map.of();
            Map<String, Object> parameters = Map.of();
            List<String> outputs = List.of();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "inputs" -> inputs = value == JsonToken.VALUE_NULL ? Map.of() : streamInputs(p, value);
                    case "params" -> parameters = value == JsonToken.VALUE_NULL ? Map.of()
                            : value == JsonToken.START_OBJECT ? params(TREE.readTree(p)) : null;
                    case "outputs" -> outputs = value == JsonToken.VALUE_NULL ? List.of() : streamOutputs(p, value);
                    default -> {
                        return null;
                    }
                }
                if (inputs == null || parameters == null || outputs == null) {
                    return null;
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return new Parsed(inputs, parameters, outputs);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Map<String, Object> streamInputs(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            ObjectReader reader = readers.get(p.currentName());
            if (reader == null) {
                return null;
            }
            String dataset = p.currentName();
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            out.put(dataset, streamValue(p, token, rawTypes.get(dataset), reader));
        }
        return out;
    }

    /**
     * Reads one input value. Scalars whose JSON token already is the declared type are read off
     * the parser (what Jackson would bind, without a binding context per value); every other
     * case goes through the dataset's reader, which applies the strict rules.
     */
    private static Object streamValue(JsonParser p, JsonToken token, Class<?> type, ObjectReader reader)
            throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType n = p.getNumberType();
            if ((type == long.class || type == Long.class) && n != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            if ((type == int.class || type == Integer.class) && n == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT && (type == double.class || type == Double.class)) {
            double d = p.getDoubleValue();
            if (Double.isFinite(d)) {
                return d;
            } // else beyond a double: the reader refuses it
        } else if (token == JsonToken.VALUE_STRING && type == String.class) {
            return p.getText();
        } else if ((token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
                && (type == boolean.class || type == Boolean.class)) {
            return token == JsonToken.VALUE_TRUE;
        }
        return reader.readValue(p);
    }

    private static List<String> streamOutputs(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            out.add(p.getText());
        }
        return t == JsonToken.END_ARRAY ? out : null;
    }

    /** Reads the body as a tree first: slower, and the path that names what is wrong. Package-private for tests. */
    Parsed parseTree(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = "line " + (loc == null ? 0 : loc.getLineNr()) + ", column " + (loc == null ? 0 : loc.getColumnNr());
            if (e instanceof JsonParseException && e.getProcessor() instanceof JsonParser p
                    && String.valueOf(e.getOriginalMessage()).startsWith(DUPLICATE)) {
                String key = InputErrors.render(InputErrors.path(p));
                throw HttpError.duplicateKey((key.startsWith(".") ? key.substring(1) : "body" + key)
                        + ": duplicate key at " + at + "; a key may appear only once in a JSON object");
            }
            if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith(TRAILING)) {
                // Jackson's wording names its node class and its own configuration
                throw HttpError.malformed("malformed JSON at " + at + ": more content after the body's JSON value");
            }
            throw HttpError.malformed("malformed JSON at " + at + ": "
                    + SOURCE.matcher(e.getOriginalMessage()).replaceAll("["));
        } catch (IOException e) {
            throw HttpError.badRequest("unreadable request body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return check(new Parsed(Map.of(), Map.of(), List.of()));
        }
        if (!root.isObject()) {
            throw HttpError.badRequest("body: expected a JSON object, got " + Json.show(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!BODY_FIELDS.contains(field)) {
                throw HttpError.badRequest("body: unknown field '" + field + "'; known fields: inputs, params, outputs");
            }
        }
        Map<String, Object> inputs = inputs(root.get("inputs"));
        Map<String, Object> parameters = params(root.get("params"));
        List<String> outputs = outputs(root.get("outputs"));
        return check(new Parsed(inputs, parameters, outputs));
    }

    private Map<String, Object> inputs(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("inputs: expected an object, got " + Json.show(node));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String dataset = e.getKey();
            String field = "inputs." + dataset;
            ObjectReader reader = readers.get(dataset);
            if (reader == null) {
                if (InputKind.of(dataset) != InputKind.DATASET) {
                    throw HttpError.unprocessable(field + ": not a dataset; parameters go in \"params\"");
                }
                if (closedArtifacts.contains(dataset)) {
                    throw HttpError.unprocessable(field + ": '" + dataset + "' is an artifact of pipeline '" + name
                            + "' (read once from the catalog and shared by every run), which requests may not replace"
                            + " unless server.yml lists it under injectable; the inputs a request may give: "
                            + freeInputs);
                }
                throw HttpError.unprocessable(field + ": pipeline '" + name + "' has no dataset '" + dataset
                        + "'; its free inputs: " + freeInputs);
            }
            JsonNode value = e.getValue();
            if (value.isNull()) {
                throw HttpError.unprocessable(field + ": expected "
                        + InputErrors.expected(Json.MAPPER.getTypeFactory().constructType(description.dataset(dataset).type())
                        .getRawClass()) + ", got null");
            }
            try {
                out.put(dataset, reader.readValue(value));
            } catch (JsonProcessingException ex) {
                throw HttpError.unprocessable(InputErrors.describe(field, value, ex));
            } catch (IOException ex) {
                throw HttpError.unprocessable(field + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private Map<String, Object> params(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("params: expected an object, got " + Json.show(node));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", node, out);
        for (String path : out.keySet()) {
            if (!knownParam(path)) {
                throw HttpError.unprocessable("params." + path + ": pipeline '" + name
                        + "' reads no such parameter; its parameters: " + paramNames);
            }
            if (!allowedParam(path)) {
                throw HttpError.unprocessable("params." + path + ": this server does not let requests override "
                        + "parameter '" + path + "'; " + (allowedParams.isEmpty()
                        ? "it lets them override none (server.yml params: lists those a request may set)"
                        : "the parameters a request may override (server.yml params): " + allowedParams));
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject() && (node.size() > 0 || prefix.isEmpty())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
            return;
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw HttpError.unprocessable("params." + prefix + ": expected a number within the range of a double "
                    + "(±1.8E308), got one beyond it");
        }
        try {
            out.put(prefix, Json.MAPPER.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("params." + prefix + ": " + e.getOriginalMessage());
        }
    }

    private boolean allowedParam(String path) {
        for (String allowed : allowedParams) {
            if (covers(allowed, path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a client may override some of parameter {@code p} (shown in the documents). */
    private boolean offeredParam(String p) {
        for (String allowed : allowedParams) {
            if (covers(allowed, p) || covers(p, allowed)) {
                return true;
            }
        }
        return false;
    }

    /** The free inputs a request may give, artifacts not listed as injectable left out. */
    private List<PipelineDescription.Input> offeredInputs() {
        return description.inputs().stream().filter(i -> !closedArtifacts.contains(i.name())).toList();
    }

    private boolean knownParam(String path) {
        if (description.readsAllParameters()) {
            return true;
        }
        for (String p : paramNames) {
            if (p.equals(path) || p.startsWith(path + ".") || path.startsWith(p + ".")) {
                return true;
            }
        }
        return false;
    }

    private List<String> outputs(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw HttpError.badRequest("outputs: expected an array of dataset names, got " + Json.show(node));
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw HttpError.badRequest("outputs[" + i + "]: expected a string, got " + Json.show(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Checks what needs the whole request: outputs may name injected datasets; missing inputs. */
    private Parsed check(Parsed p) {
        for (int i = 0; i < p.outputs().size(); i++) {
            String output = p.outputs().get(i);
            if (!produced.contains(output) && !p.inputs().containsKey(output)) {
                throw HttpError.unprocessable("outputs[" + i + "]: pipeline '" + name + "' produces no dataset '"
                        + output + "'; its outputs: " + produced);
            }
        }
        boolean overrides = false;
        for (String injected : p.inputs().keySet()) {
            if (produced.contains(injected)) {
                overrides = true; // upstream nodes are pruned; the session knows what is still needed
                break;
            }
        }
        if (!overrides) {
            List<String> missing = new ArrayList<>();
            for (String required : requiredInputs) {
                if (!p.inputs().containsKey(required)) {
                    missing.add("inputs." + required);
                }
            }
            if (missing.size() == 1) {
                throw HttpError.unprocessable(missing.get(0) + ": required input is missing");
            }
            if (!missing.isEmpty()) {
                throw HttpError.unprocessable(String.join(", ", missing) + ": required inputs are missing");
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- responses

    /**
     * Writes {@code "outputs": {...}} with each value as Jackson serialises its runtime type.
     *
     * @throws OutputNotJsonException for a value Jackson cannot write, or one holding NaN or an
     *                                infinity ({@link FiniteNumbers})
     */
    static void writeOutputs(JsonGenerator g, Map<String, Object> outputs) throws IOException {
        g.writeFieldName("outputs");
        g.writeStartObject();
        JsonGenerator finite = FiniteNumbers.refusing(g);
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            g.writeFieldName(e.getKey());
            try {
                finite.writeObject(e.getValue());
            } catch (JsonProcessingException ex) {
                throw new OutputNotJsonException(e.getKey(), ex);
            }
        }
        g.writeEndObject();
    }

    /** An output value Jackson cannot serialise, or one that holds a number JSON cannot carry. */
    static final class OutputNotJsonException extends RuntimeException {
        final String dataset;

        OutputNotJsonException(String dataset, JsonProcessingException cause) {
            super(message(dataset, cause), cause);
            this.dataset = dataset;
        }

        private static String message(String dataset, JsonProcessingException cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof FiniteNumbers.NonFinite n) {
                    return "output '" + dataset + "' holds a non-finite number (" + n.value
                            + (n.path.isEmpty() ? "" : " at " + dataset + n.path) + "), which JSON cannot carry";
                }
            }
            return "output '" + dataset + "' cannot be written as JSON: " + cause.getOriginalMessage();
        }
    }

    /** The node of this pipeline that produces {@code dataset}, or null when none does (an injected input). */
    String producer(String dataset) {
        var node = pipeline.producerOf(dataset);
        return node == null ? null : node.name();
    }

    // ---------------------------------------------------------------- description

    /** The free inputs a request must inject (the catalog does not declare them). */
    List<String> requiredInputs() {
        return requiredInputs;
    }

    /** The path clients POST runs to. */
    String runPath() {
        return "/pipelines/" + name + "/runs";
    }

    /** The entry of this pipeline in {@code GET /pipelines}. */
    ObjectNode describe() {
        ObjectNode d = Json.object();
        d.put("name", name);
        d.put("nodes", pipeline.size());
        d.put("runs", runPath());
        ArrayNode in = d.putArray("inputs");
        for (PipelineDescription.Input input : offeredInputs()) {
            ObjectNode i = in.addObject();
            i.put("name", input.name());
            i.put("required", input.required());
            i.set("schema", TypeSchemas.of(input.type()));
        }
        ArrayNode ps = d.putArray("params");
        for (PipelineDescription.Param p : description.params()) {
            if (!offeredParam(p.name())) {
                continue;
            }
            ObjectNode i = ps.addObject();
            i.put("name", p.name());
            i.set("schema", TypeSchemas.of(p.type()));
        }
        ArrayNode out = d.putArray("outputs");
        for (PipelineDescription.Output o : description.outputs()) {
            ObjectNode i = out.addObject();
            i.put("name", o.name());
            i.put("returned_by_default", o.returnedByDefault());
            i.set("schema", TypeSchemas.of(o.type()));
        }
        return d;
    }

    /** The JSON Schema of a run request body. */
    ObjectNode requestSchema() {
        ObjectNode s = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode props = s.putObject("properties");
        ObjectNode inputs = props.putObject("inputs").put("type", "object")
                .put("description", "Values of the pipeline's free inputs, by dataset name. Any other dataset of "
                        + "the pipeline may be given too: it overrides what its producer would compute, and "
                        + "nodes needed only for it do not run.");
        ObjectNode ip = inputs.putObject("properties");
        for (PipelineDescription.Input input : offeredInputs()) {
            ip.set(input.name(), TypeSchemas.of(input.type()));
        }
        if (!requiredInputs.isEmpty()) {
            ArrayNode r = inputs.putArray("required");
            requiredInputs.forEach(r::add);
        }
        ObjectNode pp = props.putObject("params").put("type", "object")
                .put("description", "Parameter overrides for this run, by dotted path (nested objects are "
                        + "flattened to dotted paths)").putObject("properties");
        for (PipelineDescription.Param p : description.params()) {
            if (offeredParam(p.name())) {
                pp.set(p.name(), TypeSchemas.of(p.type()));
            }
        }
        ObjectNode outputs = props.putObject("outputs").put("type", "array")
                .put("description", "Datasets whose values to return; default: the free outputs kept in memory");
        ArrayNode names = outputs.putObject("items").put("type", "string").putArray("enum");
        produced.forEach(names::add);
        return s;
    }

    /** The JSON Schema of the {@code outputs} of a successful run returning the default outputs. */
    ObjectNode outputsSchema() {
        ObjectNode s = Json.object().put("type", "object");
        ObjectNode props = s.putObject("properties");
        for (PipelineDescription.Output o : description.outputs()) {
            if (o.returnedByDefault()) {
                props.set(o.name(), TypeSchemas.of(o.type()));
            }
        }
        return s;
    }
}
