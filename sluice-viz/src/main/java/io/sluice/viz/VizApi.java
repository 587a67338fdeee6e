package io.sluice.viz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.run.RunJournal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's JSON, by path, the same for the server and the static export (the export writes
 * each path as a file, so any web server can host it):
 * <ul>
 *   <li>{@code api/pipelines.json}: names, the default, the grouping strategies, whether runs exist</li>
 *   <li>{@code api/pipelines/NAME.json}: {@code {"document": ..., "configs": ...}}</li>
 *   <li>{@code api/groupings/NAME/STRATEGY.json}: {@code {"grouping": ..., "check": ...}}</li>
 *   <li>{@code api/groupings/NAME/STRATEGY/TARGET-MAXCOST[-COSTTAG].json}: the same, merged (see
 *       {@link VizSource.Merge}); served only, not exported ({@code "merges": false} in the index)</li>
 *   <li>{@code api/runs.json}: the last runs, newest first, summarised</li>
 *   <li>{@code api/runs/RUN_ID.json}: one run's merged journal</li>
 * </ul>
 * Names are written with {@link #fileName}: letters, digits, {@code . _ -} kept, any other byte
 * as {@code ~XX}, so that no web server decodes or refuses them.
 */
final class VizApi {
    static final String PREFIX = "api/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final VizSource source;
    private final int runLimit;
    /** Whether merged groupings are answered (a server computes them; a static export cannot list them all). */
    private final boolean merges;
    /** Each pipeline's JSON, built once: a document does not change while it is served. */
    private final Map<String, byte[]> pipelines = new ConcurrentHashMap<>();

    /** The API a server answers: every path, merged groupings included. */
    VizApi(VizSource source, int runLimit) {
        this(source, runLimit, true);
    }

    VizApi(VizSource source, int runLimit, boolean merges) {
        this.source = source;
        this.runLimit = runLimit;
        this.merges = merges;
    }

    VizSource source() {
        return source;
    }

    /** The JSON at {@code path} (relative, no leading slash), or empty when there is none. */
    Optional<byte[]> get(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(".json")) {
            return Optional.empty();
        }
        String[] parts = path.substring(PREFIX.length(), path.length() - ".json".length()).split("/", -1);
        if (parts.length == 1 && parts[0].equals("pipelines")) {
            return Optional.of(bytes(index()));
        }
        if (parts.length == 1 && parts[0].equals("runs")) {
            return Optional.of(bytes(runs()));
        }
        if (parts.length == 2 && parts[0].equals("pipelines")) {
            return pipeline(parts[1]).map(p -> pipelines.computeIfAbsent(p, name -> bytes(pipelineJson(name))));
        }
        if (parts.length == 3 && parts[0].equals("groupings")) {
            return pipeline(parts[1]).filter(p -> source.strategies().contains(parts[2]))
                    .map(p -> bytes(source.grouping(p, parts[2], null)));
        }
        if (parts.length == 4 && parts[0].equals("groupings") && merges) {
            Optional<VizSource.Merge> merge = merge(parts[3]);
            return pipeline(parts[1]).filter(p -> source.strategies().contains(parts[2]) && merge.isPresent())
                    .map(p -> bytes(source.grouping(p, parts[2], merge.get())));
        }
        if (parts.length == 2 && parts[0].equals("runs")) {
            return source.run(parts[1]).map(r -> source.runJson(r).getBytes(StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /** Every path {@link #get} answers, for a static export. */
    List<String> paths() {
        List<String> paths = new ArrayList<>();
        paths.add(PREFIX + "pipelines.json");
        for (String p : source.pipelines()) {
            paths.add(PREFIX + "pipelines/" + fileName(p) + ".json");
            for (String s : source.strategies()) {
                paths.add(PREFIX + "groupings/" + fileName(p) + "/" + s + ".json");
            }
        }
        paths.add(PREFIX + "runs.json");
        for (RunJournal r : lastRuns()) {
            paths.add(PREFIX + "runs/" + fileName(r.runId()) + ".json");
        }
        return paths;
    }

    private Optional<String> pipeline(String fileName) {
        return source.pipelines().stream().filter(p -> fileName(p).equals(fileName)).findFirst();
    }

    private ObjectNode index() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        source.pipelines().forEach(o.putArray("pipelines")::add);
        o.put("default", source.defaultPipeline());
        source.strategies().forEach(o.putArray("strategies")::add);
        o.put("runs", !source.runs().isEmpty());
        o.put("merges", merges);
        return o;
    }

    private ObjectNode pipelineJson(String pipeline) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        try {
            o.set("document", MAPPER.readTree(source.document(pipeline).toJson()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        o.set("configs", source.datasetConfigs(pipeline));
        return o;
    }

    /** {@code TARGET-MAXCOST} or {@code TARGET-MAXCOST-COSTTAG} (the tag as {@link #fileName} writes it). */
    static Optional<VizSource.Merge> merge(String segment) {
        String[] p = segment.split("-", 3);
        if (p.length < 2 || !p[0].matches("[0-9]{1,6}") || !p[1].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        String tag;
        try {
            tag = p.length == 3 && !p[2].isEmpty() ? decode(p[2]) : null;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new VizSource.Merge(Integer.parseInt(p[0]), Long.parseLong(p[1]), tag));
    }

    /** The inverse of {@link #fileName}. */
    static String decode(String segment) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '~' && i + 2 < segment.length()) {
                out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<RunJournal> lastRuns() {
        List<RunJournal> all = source.runs();
        return all.subList(0, Math.min(runLimit, all.size()));
    }

    private ObjectNode runs() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode list = o.putArray("runs");
        for (RunJournal r : lastRuns()) {
            ObjectNode ro = list.addObject();
            ro.put("run_id", r.runId());
            ro.put("pipeline", r.pipeline());
            ro.put("state", r.state().jsonName());
            ro.put("started_at", r.startedAt());
            ro.put("finished_at", r.finishedAt());
            Long ms = millisBetween(r.startedAt(), r.finishedAt());
            if (ms != null) {
                ro.put("duration_ms", ms);
            } else {
                ro.putNull("duration_ms");
            }
            ro.put("error", r.error());
            ro.put("parts", r.parts().size());
            ro.put("nodes", r.nodes().size());
        }
        return o;
    }

    private static Long millisBetween(String from, String to) {
        if (from == null || to == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code name} as one safe path segment (see the class comment); the page encodes the same way. */
    static String fileName(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-') {
                sb.append(c);
            } else {
                sb.append('~').append(String.format("%02X", b & 0xff));
            }
        }
        String out = sb.toString();
        return out.equals(".") || out.equals("..") ? out.replace(".", "~2E") : out;
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
