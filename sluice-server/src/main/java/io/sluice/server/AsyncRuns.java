package io.sluice.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The asynchronous runs {@code GET /runs/{id}} can report: every run still going, and the last
 * {@code limit} finished ones (older finished runs are forgotten first; running ones are never
 * evicted, and {@code max_concurrent_runs} bounds how many there are). Each entry keeps the
 * ready-to-send JSON of its current state.
 */
final class AsyncRuns {
    private final int limit;
    private final LinkedHashMap<String, Entry> runs = new LinkedHashMap<>();
    private int finished;

    private static final class Entry {
        byte[] json;
        boolean done;

        Entry(byte[] json) {
            this.json = json;
        }
    }

    AsyncRuns(int limit) {
        this.limit = limit;
    }

    synchronized void started(String runId, String pipeline) {
        runs.put(runId, new Entry(status(runId, pipeline, "running", null)));
    }

    synchronized void finished(String runId, byte[] json) {
        Entry e = runs.get(runId);
        if (e == null) {
            return;
        }
        e.json = json;
        if (!e.done) {
            e.done = true;
            finished++;
        }
        for (Iterator<Map.Entry<String, Entry>> it = runs.entrySet().iterator(); finished > limit && it.hasNext(); ) {
            if (it.next().getValue().done) {
                it.remove();
                finished--;
            }
        }
    }

    /** The JSON of the run's state, or {@code null} for an unknown (or forgotten) run. */
    synchronized byte[] get(String runId) {
        Entry e = runs.get(runId);
        return e == null ? null : e.json;
    }

    /** {@code {"run_id", "pipeline", "status"}} and, when given, what {@code body} writes after them. */
    static byte[] status(String runId, String pipeline, String status, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            g.writeStringField("pipeline", pipeline);
            g.writeStringField("status", status);
            if (body != null) {
                body.write(g);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the fields after the status. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
