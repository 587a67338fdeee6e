package io.sluice.datasets.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sluice.config.ConfigBinder;
import io.sluice.engine.Engine;
import io.sluice.io.DataLocation;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.io.RowMapper;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON resource of an HTTP API ({@code type: api}, Kedro's {@code APIDataset}), reached through
 * an {@code http} engine ({@link HttpEngine}): its base URL, headers, credentials, timeouts and
 * retries are the engine's, the dataset adds the path, the query and how to read pages.
 *
 * <pre>{@code
 * open_issues:
 *   type: api
 *   engine: github                 # an http engine of engines.yml (required)
 *   path: /repos/acme/app/issues   # relative to the engine's base_url
 *   query: {state: open, per_page: 100}   # a list value repeats its key
 *   headers: {Accept: application/json}   # added to the engine's for this dataset
 *   items: data.items              # where the records are in an answer (dotted; default: the whole body)
 *   pagination:                    # absent: one request
 *     style: link                  # link: follow the Link header's rel="next"
 *     # style: cursor              # cursor: read the next cursor from the body and send it back
 *     # cursor_path: meta.next     #   where the cursor is; none, null or "" ends the pages
 *     # cursor_param: cursor       #   the query parameter it goes back in (default cursor)
 *     max_pages: 1000              # more pages than this is an error, never a silent cut
 *   exists: head                   # head (default; GET when HEAD is not allowed) or get
 *   save_args: {method: post, path: /imports, batch_size: 0}
 * }</pre>
 *
 * <p><b>Load</b> GETs the resource. {@link #load()} gives plain values ({@code Map<String,Object>}
 * in field order, {@code List<Object>}, strings, numbers, booleans); {@link #load(Type)} decodes
 * into the node's declared type with the {@code json} dataset's conventions (records, POJOs,
 * generic collections, unknown fields ignored). With {@code pagination}, the items of every page
 * (the array at {@code items}, or the body when it is an array) are one list, so the node
 * declares {@code List<YourRecord>}; compile refuses anything that cannot take a list. A next link
 * must stay within the engine's origin (its headers carry the token). An answer that is not 2xx
 * fails the load with the dataset, the engine, the URL (secrets masked), the status and the
 * start of the body.
 *
 * <p><b>Save</b> sends the value as JSON ({@code save_args.method}: post, put or patch; to
 * {@code save_args.path}, by default {@code path}) — in one request, or with {@code batch_size: n}
 * a list split into requests of {@code n} items, sent in order. What it guarantees: a save returns
 * only when every request was answered 2xx; otherwise it fails and says exactly which items the
 * server accepted (earlier batches, which stay: HTTP has no transaction to roll back) and which it
 * refused or may not have received. Whether a request is sent again after no answer is the
 * engine's retry policy: POST and PATCH are not, unless {@code retry.methods} says so.
 *
 * <p><b>Exists</b> asks the server about the load URL (query included) with HEAD, or GET when the
 * server does not allow HEAD (405, 501) or {@code exists: get}: 2xx is true, 404 and 410 are false,
 * anything else (401, 500, no answer) is an error rather than a guess — for
 * {@code --only-missing-outputs}, a resource the API cannot vouch for must not count as absent.
 *
 * <p>An API is the same in every run (not versioned): the run-taking methods of {@link Dataset}
 * are its context-free ones. Nothing is requested when the catalog is built. The dataset keeps no
 * state between calls, so runs and threads share it freely; they also share the engine's client.
 */
public final class ApiDataset implements Dataset<Object> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "api";

    /** How pages follow each other. */
    enum Style { NONE, LINK, CURSOR }

    /** How a save sends. */
    enum SaveMethod { POST, PUT, PATCH }

    /** How {@link #exists()} asks. */
    enum ExistsCheck { HEAD, GET }

    /**
     * {@code pagination:} of an entry.
     *
     * @param style       none, link or cursor
     * @param cursorPath  where the next cursor is in a body (cursor only)
     * @param cursorParam the query parameter the cursor goes back in (cursor only)
     * @param maxPages    the most pages one load reads; more is an error
     */
    record Pagination(Style style, Optional<String> cursorPath, String cursorParam,
                      @ConfigBinder.Range(min = 1, max = 1_000_000) int maxPages) {
        static final Pagination NONE = new Pagination(Style.NONE, Optional.empty(), "cursor", 1000);

        Pagination {
            if (style == Style.CURSOR && cursorPath.isEmpty()) {
                throw new IllegalArgumentException("pagination style cursor needs cursor_path: where the next "
                        + "cursor is in an answer, e.g. 'meta.next_cursor'");
            }
            if (style != Style.CURSOR && cursorPath.isPresent()) {
                throw new IllegalArgumentException("cursor_path applies to pagination style cursor only; set "
                        + "'style: cursor' or remove it");
            }
            if (cursorParam.isBlank()) {
                throw new IllegalArgumentException("pagination cursor_param must not be empty");
            }
        }
    }

    /**
     * {@code save_args:} of an entry.
     *
     * @param method    post, put or patch
     * @param path      where saves go; default the entry's {@code path}
     * @param batchSize 0: the whole value in one request; n: a list sent n items per request
     */
    record SaveArgs(SaveMethod method, Optional<String> path,
                    @ConfigBinder.Range(min = 0, max = 10_000_000) int batchSize) {
        static final SaveArgs DEFAULTS = new SaveArgs(SaveMethod.POST, Optional.empty(), 0);
    }

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private final DatasetConfig config;
    private final Engine<? extends HttpApi> engine;
    private final String path;
    private final Map<String, Object> query;
    private final Map<String, String> headers;
    private final List<String> items;
    private final Pagination pagination;
    private final SaveArgs save;
    private final ExistsCheck existsCheck;
    private final Optional<DataLocation> shared;

    /** Reads the entry; requests nothing. */
    public ApiDataset(DatasetConfig config) {
        this.config = config;
        this.engine = config.engine("engine", HttpApi.class);
        this.path = config.string("path", "");
        this.query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config.map("query"))); // file order
        Map<String, String> h = new LinkedHashMap<>();
        config.map("headers").forEach((k, v) -> h.put(k, String.valueOf(v)));
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.items = config.optionalString("items").map(ApiDataset::steps).orElse(List.of());
        this.pagination = config.bind("pagination", Pagination.class, Pagination.NONE);
        this.save = config.bind("save_args", SaveArgs.class, SaveArgs.DEFAULTS);
        String e = config.string("exists", "head");
        try {
            this.existsCheck = ExistsCheck.valueOf(e.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new DatasetConfigException(config.location("exists") + ": " + config.subject() + ": exists is '"
                    + e + "'; expected head or get.");
        }
        if (engine instanceof HttpEngine http) {
            String url = http.mask(HttpApi.resolve(http.baseUrl(), path, Map.of(), engine.name(), engine.subject(),
                    http::mask).toString());
            this.shared = Optional.of(DataLocation.other(config.projectDir(), "api:" + url,
                    "dataset '" + config.name() + "' (" + url + ")"));
        } else {
            this.shared = Optional.empty(); // a user engine's URLs are its own business
        }
        for (String forbidden : List.of("url", "credentials")) {
            if (config.has(forbidden)) {
                throw new DatasetConfigException(config.location(forbidden) + ": " + config.subject() + " has '"
                        + forbidden + "', but the engine '" + engine.name() + "' is its connection: set base_url and "
                        + "credentials on the engine in engines.yml, and 'path' here.");
            }
        }
    }

    private static List<String> steps(String dotted) {
        String p = dotted.startsWith("$") ? dotted.substring(1) : dotted;
        p = p.startsWith(".") ? p.substring(1) : p;
        return p.isEmpty() ? List.of() : List.of(p.split("\\."));
    }

    @Override
    public Object load() {
        return read(Object.class);
    }

    @Override
    public Object load(Type target) {
        return read(target);
    }

    /** Paged loads give lists only. */
    @Override
    public Optional<String> incompatibility(Type target) {
        if (pagination.style() != Style.NONE && RowMapper.elementType(target) == null) {
            return Optional.of("it loads the items of every page as one list, so declare List<YourRecord> or "
                    + "List<Map<String, Object>>");
        }
        return Optional.empty();
    }

    private Object read(Type target) {
        HttpApi api = client();
        if (pagination.style() == Style.NONE) {
            URI uri = uri(api, path, query);
            HttpApiResponse r = fetch(api, uri, 1);
            JsonNode body = parse(api, r, 1);
            JsonNode node = items.isEmpty() ? body : at(api, body, items, r, 1, false);
            return convert(api, node, target, r, 1);
        }
        Type element = RowMapper.elementType(target);
        if (element == null) {
            throw new DatasetException(config.subject() + " loads the items of every page as one list, which cannot"
                    + " be passed as " + FileDataset.typeName(target) + ". Declare it as List<YourRecord>.");
        }
        ObjectReader reader = ApiJson.MAPPER.readerFor(ApiJson.MAPPER.getTypeFactory().constructType(element));
        List<Object> out = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        URI next = uri(api, path, query);
        int page = 0;
        while (next != null) {
            page++;
            if (page > pagination.maxPages()) {
                throw new DatasetException(config.subject() + " (engine '" + engine.name() + "'): the API has more "
                        + "than pagination.max_pages (" + pagination.maxPages() + ") pages; the next is "
                        + api.mask(next.toString()) + ". Raise max_pages, or narrow the query; nothing is loaded "
                        + "rather than a part.");
            }
            HttpApiResponse r = fetch(api, next, page);
            JsonNode body = parse(api, r, page);
            // a misspelt items path must fail, not load an empty list: only an explicit null is an empty page
            JsonNode pageItems = items.isEmpty() ? body : at(api, body, items, r, page, false);
            if (pageItems != null && !pageItems.isNull()) {
                if (!pageItems.isArray()) {
                    throw new DatasetException(where(api, r, page) + ": " + (items.isEmpty() ? "the body"
                            : "'" + String.join(".", items) + "'") + " is " + kind(pageItems) + ", not a list of "
                            + "items. Set 'items' to the path of the list in each page (e.g. items: data).");
                }
                int i = 0;
                for (JsonNode item : pageItems) {
                    out.add(convertItem(api, reader, item, element, r, page, i++));
                }
            }
            next = pagination.style() == Style.LINK ? nextLink(api, r, page) : nextCursor(api, body, r, page, cursors);
        }
        return out;
    }

    private URI nextLink(HttpApi api, HttpApiResponse r, int page) {
        for (String value : r.headers().allValues("Link")) {
            Matcher m = LINK.matcher(value);
            while (m.find()) {
                Matcher rel = REL.matcher(m.group(2));
                while (rel.find()) {
                    String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String one : rels.trim().split("\\s+")) {
                        if (one.equalsIgnoreCase("next")) {
                            URI next;
                            try {
                                next = r.uri().resolve(m.group(1).trim());
                            } catch (IllegalArgumentException e) {
                                throw new DatasetException(where(api, r, page) + ": its Link rel=\"next\" is not a "
                                        + "URL: " + api.mask(m.group(1)) + ".");
                            }
                            if (!api.sameOrigin(next)) {
                                throw new DatasetException(where(api, r, page) + ": its Link rel=\"next\" points to "
                                        + api.mask(next.toString()) + ", outside the engine's origin "
                                        + HttpApi.origin(api.baseUrl()) + ". It is not followed, so that the engine's "
                                        + "headers (tokens) stay with their host.");
                            }
                            return next;
                        }
                    }
                }
            }
        }
        return null;
    }

    private URI nextCursor(HttpApi api, JsonNode body, HttpApiResponse r, int page, Set<String> seen) {
        JsonNode c = at(api, body, steps(pagination.cursorPath().orElseThrow()), r, page, true);
        if (c == null || c.isNull() || c.isMissingNode() || (c.isBoolean() && !c.booleanValue())) {
            return null;
        }
        if (!c.isValueNode()) {
            throw new DatasetException(where(api, r, page) + ": the cursor at '" + pagination.cursorPath().get()
                    + "' is " + kind(c) + ", not a value. Point cursor_path at the next cursor itself.");
        }
        String cursor = c.asText();
        if (cursor.isEmpty()) {
            return null;
        }
        if (!seen.add(cursor)) {
            throw new DatasetException(where(api, r, page) + ": the API gave cursor '" + api.mask(cursor) + "' a "
                    + "second time; stopping rather than reading the same pages forever. Check cursor_path ('"
                    + pagination.cursorPath().get() + "') and cursor_param ('" + pagination.cursorParam() + "').");
        }
        Map<String, Object> q = new LinkedHashMap<>(query);
        q.put(pagination.cursorParam(), cursor);
        return uri(api, path, q);
    }

    private HttpApiResponse fetch(HttpApi api, URI uri, int page) {
        try {
            return api.requireSuccess(api.send("GET", uri, headers, null));
        } catch (HttpApiException e) {
            throw new DatasetException(config.subject() + " cannot load" + (page > 1 ? " page " + page : "")
                    + ": " + e.getMessage(), e);
        }
    }

    private JsonNode parse(HttpApi api, HttpApiResponse r, int page) {
        if (r.body().length == 0) {
            throw new DatasetException(where(api, r, page) + ": the answer has an empty body, not JSON.");
        }
        try {
            return ApiJson.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new DatasetException(where(api, r, page) + ": the answer is not valid JSON (" + api.mask(
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("")) + "). It begins: "
                    + api.excerpt(r.body()));
        }
    }

    /** The node at {@code steps}; a missing step is an error unless {@code optional}, which gives null. */
    private JsonNode at(HttpApi api, JsonNode body, List<String> steps, HttpApiResponse r, int page,
                        boolean optional) {
        JsonNode node = body;
        List<String> walked = new ArrayList<>();
        for (String step : steps) {
            JsonNode next = node != null && node.isObject() ? node.get(step) : null;
            walked.add(step);
            if (next == null) {
                if (optional) {
                    return null;
                }
                List<String> keys = new ArrayList<>();
                if (node != null && node.isObject()) {
                    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                        keys.add(it.next());
                    }
                }
                throw new DatasetException(where(api, r, page) + ": the answer has no '" + String.join(".", walked)
                        + "'" + (keys.isEmpty() ? "" : " (keys there: " + String.join(", ", keys) + ")")
                        + ". Fix 'items' in the catalog.");
            }
            node = next;
        }
        return node;
    }

    private Object convert(HttpApi api, JsonNode node, Type target, HttpApiResponse r, int page) {
        try {
            return ApiJson.MAPPER.readerFor(ApiJson.MAPPER.getTypeFactory().constructType(target)).readValue(node);
        } catch (JsonMappingException e) {
            throw new DatasetException(where(api, r, page) + ": cannot read the answer as "
                    + FileDataset.typeName(target) + ": at " + FileDataset.jsonPath(e) + ": "
                    + api.mask(e.getOriginalMessage()) + ".", null);
        } catch (IOException e) {
            throw new DatasetException(where(api, r, page) + ": cannot read the answer: " + api.mask(e.getMessage()));
        }
    }

    private Object convertItem(HttpApi api, ObjectReader reader, JsonNode item, Type element, HttpApiResponse r,
                               int page, int index) {
        try {
            return reader.readValue(item);
        } catch (JsonMappingException e) {
            throw new DatasetException(where(api, r, page) + ": cannot read item " + index + " of the page as "
                    + FileDataset.typeName(element) + ": at " + FileDataset.jsonPath(e) + ": "
                    + api.mask(e.getOriginalMessage()) + ".", null);
        } catch (IOException e) {
            throw new DatasetException(where(api, r, page) + ": cannot read item " + index + ": "
                    + api.mask(e.getMessage()));
        }
    }

    /** {@code dataset 'x' (api), engine 'e': GET <url> (page 2)}: how load errors begin. */
    private String where(HttpApi api, HttpApiResponse r, int page) {
        return config.subject() + ", engine '" + engine.name() + "': " + r.method() + " " + api.mask(r.uri().toString())
                + (pagination.style() == Style.NONE ? "" : " (page " + page + ")");
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "an object" : n.isTextual() ? "a string" : n.isNumber() ? "a number"
                : n.isBoolean() ? "a boolean" : n.isNull() ? "null" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public void save(Object data) {
        HttpApi api = client();
        URI uri = uri(api, save.path().orElse(path), Map.of());
        String method = save.method().name();
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/json");
        if (save.batchSize() == 0) {
            byte[] body = json(api, data, "the value");
            send(api, method, uri, h, body, () -> "Nothing was saved: the server did not accept the request.",
                    () -> "The server may or may not have applied it: no answer came.");
            return;
        }
        List<?> all = asList(data);
        int n = all.size();
        int batches = (n + save.batchSize() - 1) / save.batchSize();
        for (int b = 0; b < batches; b++) {
            int from = b * save.batchSize();
            int to = Math.min(n, from + save.batchSize());
            int batch = b + 1;
            String accepted = from == 0 ? "No item was accepted." : "Items 1 to " + from + " (batches 1 to " + b
                    + ") were accepted by the server and stay (HTTP has no rollback).";
            String notSent = to < n ? " Items " + (to + 1) + " to " + n + " were not sent." : "";
            byte[] body = json(api, all.subList(from, to), "batch " + batch);
            send(api, method, uri, h, body,
                    () -> "Batch " + batch + " of " + batches + " (items " + (from + 1) + " to " + to + ") was refused. "
                            + accepted + notSent,
                    () -> "Batch " + batch + " of " + batches + " (items " + (from + 1) + " to " + to + ") may or may "
                            + "not have been applied: no answer came. " + accepted + notSent);
        }
    }

    private void send(HttpApi api, String method, URI uri, Map<String, String> h, byte[] body,
                      java.util.function.Supplier<String> refused, java.util.function.Supplier<String> unknown) {
        try {
            api.requireSuccess(api.send(method, uri, h, body));
        } catch (HttpApiException e) {
            throw new DatasetException(config.subject() + " cannot save: " + e.getMessage() + " "
                    + (e.status().isPresent() ? refused.get() : unknown.get()), e);
        }
    }

    private List<?> asList(Object data) {
        if (data instanceof List<?> l) {
            return l;
        }
        if (data instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(out::add);
            return out;
        }
        if (data instanceof Object[] array) {
            return List.of(array);
        }
        throw new DatasetException(config.subject() + ": save_args.batch_size splits a list, but the node gave a "
                + (data == null ? "null" : data.getClass().getName()) + ". Return a list, or set batch_size: 0 to send "
                + "the value in one request.");
    }

    private byte[] json(HttpApi api, Object value, String what) {
        try {
            return api.toJson(value);
        } catch (HttpApiException e) {
            throw new DatasetException(config.subject() + ": cannot send " + what + ": " + e.getMessage()
                    + " Nothing was sent.", e);
        }
    }

    @Override
    public boolean exists() {
        HttpApi api = client();
        URI uri = uri(api, path, query);
        try {
            HttpApiResponse r = api.send(existsCheck.name(), uri, headers, null);
            if (existsCheck == ExistsCheck.HEAD && (r.status() == 405 || r.status() == 501)) {
                r = api.send("GET", uri, headers, null);
            }
            if (r.isSuccess()) {
                return true;
            }
            if (r.status() == 404 || r.status() == 410) {
                return false;
            }
            api.requireSuccess(r);
            return true; // not reached
        } catch (HttpApiException e) {
            throw new DatasetException(config.subject() + " cannot tell whether it exists: " + e.getMessage()
                    + " Only 2xx (exists) and 404 or 410 (does not) are answers.", e);
        }
    }

    /**
     * The resource at {@code path} (query left out), for the session's leases: runs of this
     * project that write it and runs that read it take turns, as for a table.
     */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return shared;
    }

    private HttpApi client() {
        return engine.get();
    }

    private URI uri(HttpApi api, String p, Map<String, ?> q) {
        try {
            return api.uri(p, q);
        } catch (HttpApiException e) {
            throw new DatasetException(config.subject() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        if (engine instanceof HttpEngine http) {
            out.put("url", http.mask(HttpApi.resolve(http.baseUrl(), path, query, engine.name(), engine.subject(),
                    http::mask).toString()));
        }
        if (out.get("headers") instanceof Map<?, ?> written) {
            Map<String, Object> shown = new LinkedHashMap<>();
            written.forEach((k, v) -> shown.put(String.valueOf(k), engine.mask(String.valueOf(v))));
            out.put("headers", shown);
        }
        if (out.containsKey("query")) {
            out.put("query", engine.mask(String.valueOf(out.get("query"))));
        }
        return out;
    }
}
