package io.sluice.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of a successful synchronous run, {@code {"run_id": ..., "outputs": {...}}}. When every
 * output is a string, a boolean, an int or long, a finite double, or null, the body is written by
 * hand (the common case of a service answering a few scalars); otherwise, or for any string
 * holding a surrogate, Jackson writes it. Both write the same bytes for the same outputs.
 */
final class RunResponses {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RunResponses() {
    }

    /**
     * The response body.
     *
     * @throws PipelineApi.OutputNotJsonException when Jackson cannot write an output
     */
    static byte[] body(String runId, Map<String, Object> outputs) throws IOException {
        byte[] fast = scalars(runId, outputs);
        return fast != null ? fast : jackson(runId, outputs);
    }

    /** The body written by Jackson (also the reference the hand-written one is tested against). */
    static byte[] jackson(String runId, Map<String, Object> outputs) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            PipelineApi.writeOutputs(g, outputs);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The body written by hand, or null when an output is not a plain scalar. */
    static byte[] scalars(String runId, Map<String, Object> outputs) {
        StringBuilder b = new StringBuilder(64 + 32 * outputs.size());
        b.append("{\"run_id\":");
        if (!string(runId, b)) {
            return null;
        }
        b.append(",\"outputs\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            if (!string(e.getKey(), b)) {
                return null;
            }
            b.append(':');
            Object v = e.getValue();
            if (v == null) {
                b.append("null");
            } else if (v instanceof String s) {
                if (!string(s, b)) {
                    return null;
                }
            } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
                b.append(v);
            } else if (v instanceof Double d && Double.isFinite(d)) {
                b.append(d.doubleValue());
            } else {
                return null;
            }
        }
        return b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code s} as a JSON string as Jackson escapes it; false for strings with surrogates. */
    private static boolean string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                b.append(c);
            }
        }
        b.append('"');
        return true;
    }
}
