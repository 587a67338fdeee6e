package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of run request bodies over real HTTP. Valid bodies of five pipelines are mutated
 * (truncated, bytes flipped, characters inserted or deleted, values nested deeply, numbers made
 * huge, unicode and escapes inserted, keys repeated, values of the wrong type, bodies padded past
 * {@code max_body_bytes}) and sent with {@code Content-Length} or chunked, by a client that reads
 * while it writes or only after. Every answer must be a complete HTTP response with a JSON body;
 * its status 200, 400, 413 or 422, or 500 for a node failure (with its run id and node); never an
 * internal error, a stack trace or a path of the server. The server must still be healthy after.
 * The counts are printed ({@code HTTP body fuzz: ...}).
 */
class HttpBodyFuzzTest {
    static final long SEED = 20261206L;
    static final int CASES = 2_000;
    static final int MAX_BODY = 16 * 1024;
    /** Reads the answers as strictly as the server reads requests: a repeated key is not JSON we accept. */
    static final ObjectMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @TempDir
    Path dir;

    static String first(List<String> items) {
        return items.get(0);
    }

    /** A valid body of each pipeline, the seeds of the mutations. */
    static final List<Map.Entry<String, String>> SEEDS = List.of(
            Map.entry("scoring", "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"capacity\": 1.5, "
                    + "\"since\": \"2020-01-02\"}, {\"id\": \"b\", \"engines\": 4, \"capacity\": 0.5, "
                    + "\"since\": \"2021-03-04\"}]}, \"params\": {\"model\": {\"factor\": 3.0}}, "
                    + "\"outputs\": [\"summary\", \"scores\"]}"),
            Map.entry("scoring", "{\"inputs\": {\"scores\": [{\"id\": \"x\", \"value\": 2.0}], \"shuttles\": []}, "
                    + "\"outputs\": [\"summary\"]}"),
            Map.entry("echo", "{\"inputs\": {\"x\": 41, \"id\": \"caf\\u00e9\"}, \"outputs\": [\"tagged\", \"y\"]}"),
            Map.entry("words", "{\"inputs\": {\"words\": [\"a\", \"b\", \"a\", \"\\ud83d\\ude80\"]}}"),
            Map.entry("failing", "{\"inputs\": {\"x\": 7}}"),
            Map.entry("first", "{\"inputs\": {\"items\": [\"one\", \"two\"]}}"),
            Map.entry("first", "{\"inputs\": {\"items\": []}}"));

    private static final String[] HUGE_NUMBERS = {"1e400", "-1e309", "1.7976931348623157E308", "4.9e-325",
            "2147483648", "-9223372036854775809", "99999999999999999999999999999", "9".repeat(1_200),
            "0." + "0".repeat(500) + "1", "1e2147483648", "-0", "1E+2"};
    private static final String[] WRONG_TYPES = {"null", "true", "false", "\"str\"", "\"12\"", "[]", "{}", "1.5", "-1",
            "[null]", "{\"id\": 1}", "\"2020-13-45\""};
    private static final String[] UNICODE = {"\\ud800", "\\udc00\\ud800", "\\u0000", "\u0000", "\u0001", "\uFEFF",
            "\ud83d\ude80", "\u00e9", "\u65e5\u672c", "\\uZZZZ", "\\", "\u2028", "\\u00"};
    private static final String STRUCTURE = "{}[]\",:0123456789.-eE truefalsn\\";

    /** What one mutation did, for the counts. */
    enum Kind { TRUNCATE, FLIP_BYTE, INSERT, DELETE, NEST, HUGE_NUMBER, UNICODE, DUPLICATE_KEY, WRONG_TYPE, OVERSIZE, EMPTY }

    @Test
    void mutatedBodiesAlwaysGetAWellFormedJsonAnswerAndTheServerStaysHealthy() throws Exception {
        Map<String, Pipeline> pipelines = new HashMap<>(Nodes.pipelines());
        pipelines.put("first", Pipeline.of(node(HttpBodyFuzzTest::first).inputs("items").outputs("head").name("first")));
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<Kind, Integer> kinds = new TreeMap<>();
        int chunked = 0;
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        try (TestServer t = TestServer.start(dir, "max_body_bytes: " + MAX_BODY + "\nparams: [model]\n", Map.of(), pipelines);
             RawHttp http = new RawHttp(t.server.port())) {
            for (int i = 0; i < CASES; i++) {
                Map.Entry<String, String> seed = SEEDS.get(random.nextInt(SEEDS.size()));
                byte[] body = seed.getValue().getBytes(StandardCharsets.UTF_8);
                for (int m = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0); m > 0; m--) {
                    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                    kinds.merge(kind, 1, Integer::sum);
                    body = mutate(kind, body, random);
                }
                int chunk = random.nextBoolean() ? 0 : 1 + random.nextInt(random.nextBoolean() ? 64 : 8_192);
                chunked += chunk > 0 ? 1 : 0;
                RawHttp.Response r;
                try {
                    r = http.post("/pipelines/" + seed.getKey() + "/runs", body, chunk, random.nextInt(4) == 0);
                } catch (RawHttp.NoResponse e) {
                    problems.add("case " + i + ": no response (" + e.getMessage() + ") to " + show(body));
                    continue;
                }
                statuses.merge(r.status(), 1, Integer::sum);
                String problem = check(r, t.session.options().projectDir());
                if (problem != null) {
                    problems.add("case " + i + " (" + seed.getKey() + ", " + (chunk > 0 ? "chunked " + chunk : "length")
                            + "): " + problem + "\n  sent:     " + show(body) + "\n  answered: " + r.status() + " " + r.body());
                }
            }
            assertThat(t.get("/health").statusCode()).isEqualTo(200);
            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"x\": 1, \"id\": \"a\"}}").body())
                    .contains("\"outputs\":{\"tagged\":\"a=2\"}");
        }
        System.out.printf("HTTP body fuzz: %d cases (seed %d) in %.1f s; statuses %s; %d chunked, %d with "
                        + "Content-Length; mutations %s; %d problems%n", CASES, SEED,
                (System.nanoTime() - started) / 1e9, statuses, chunked, CASES - chunked, kinds, problems.size());
        assertThat(problems).as("answers that break the rules").isEmpty();
        assertThat(statuses.keySet()).as("every kind of answer was exercised").contains(200, 400, 413, 422, 500);
    }

    /** Why an answer breaks the rules, or null when it keeps them. */
    private static String check(RawHttp.Response r, Path projectDir) {
        if (!Set.of(200, 400, 413, 422, 500).contains(r.status())) {
            return "status " + r.status();
        }
        if (!"application/json".equals(r.headers().get("content-type"))) {
            return "content type " + r.headers().get("content-type");
        }
        JsonNode body;
        try {
            body = STRICT.readTree(r.body());
        } catch (Exception e) {
            return "the body is not JSON: " + e.getMessage();
        }
        if (body == null || !body.isObject()) {
            return "the body is not a JSON object";
        }
        if (r.status() == 200) {
            return body.path("run_id").isTextual() && body.path("outputs").isObject() ? null : "a 200 without run_id and outputs";
        }
        if (!body.path("error").isTextual()) {
            return "an error without a message";
        }
        if (r.status() == 500 && (!body.path("node").isTextual() || !body.path("run_id").isTextual())) {
            return "a 500 that is not a node failure (no node or run id)";
        }
        String text = r.body();
        for (String leak : List.of(projectDir.toString(), "/tmp/", "/home/", "\\tat ", "\tat ", ".java:", "internal error",
                "io.sluice.", "com.fasterxml")) {
            if (text.contains(leak)) {
                return "the answer shows '" + leak + "'";
            }
        }
        return null;
    }

    private static byte[] mutate(Kind kind, byte[] body, Random random) {
        String s = new String(body, StandardCharsets.UTF_8);
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        return switch (kind) {
            case TRUNCATE -> java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
            case FLIP_BYTE -> {
                byte[] b = body.clone();
                if (b.length > 0) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case INSERT -> utf8(s.substring(0, at) + STRUCTURE.charAt(random.nextInt(STRUCTURE.length())) + s.substring(at));
            case DELETE -> utf8(s.isEmpty() ? s : s.substring(0, at) + s.substring(at + 1));
            case NEST -> {
                int depth = new int[] {5, 200, 999, 1_001, 3_000}[random.nextInt(5)];
                String nested = random.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                yield utf8(replaceValue(s, nested, random));
            }
            case HUGE_NUMBER -> utf8(replaceValue(s, HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)], random));
            case UNICODE -> {
                String u = UNICODE[random.nextInt(UNICODE.length)];
                int quote = s.indexOf('"', at);
                // inside a string (after an opening quote) most of the time, anywhere otherwise
                yield utf8(quote >= 0 && random.nextInt(4) > 0 ? s.substring(0, quote + 1) + u + s.substring(quote + 1)
                        : s.substring(0, at) + u + s.substring(at));
            }
            case DUPLICATE_KEY -> {
                int key = s.indexOf("\": ", at);
                int start = key < 0 ? -1 : s.lastIndexOf('"', key - 1);
                yield start < 0 ? body : utf8(s.substring(0, start) + s.substring(start, key + 3) + "1, " + s.substring(start));
            }
            case WRONG_TYPE -> utf8(replaceValue(s, WRONG_TYPES[random.nextInt(WRONG_TYPES.length)], random));
            case OVERSIZE -> {
                int end = s.lastIndexOf('}');
                String pad = " ".repeat(MAX_BODY + 1 + random.nextInt(3 * MAX_BODY));
                yield utf8(end < 0 ? s + pad : s.substring(0, end) + pad + s.substring(end));
            }
            case EMPTY -> random.nextBoolean() ? new byte[0] : utf8(" \n\t ");
        };
    }

    /** {@code s} with the value after a random key (up to the next comma or bracket) replaced by {@code value}. */
    private static String replaceValue(String s, String value, Random random) {
        List<Integer> keys = new ArrayList<>();
        for (int i = s.indexOf("\": "); i >= 0; i = s.indexOf("\": ", i + 1)) {
            keys.add(i + 3);
        }
        if (keys.isEmpty()) {
            return s + value;
        }
        int from = keys.get(random.nextInt(keys.size()));
        int to = from;
        int depth = 0;
        boolean inString = false;
        for (; to < s.length(); to++) {
            char c = s.charAt(to);
            if (inString) {
                if (c == '\\') {
                    to++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth-- == 0) {
                    break;
                }
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return s.substring(0, from) + value + s.substring(Math.min(to, s.length()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "... (" + body.length + " bytes)" : s;
    }
}
