package io.sluice.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.sluice.run.RunHandle;
import io.sluice.run.RunState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The asynchronous runs {@code GET /runs/{id}} reports and {@code DELETE /runs/{id}} cancels:
 * every run still going, with its {@link RunHandle}, and the last {@code limit} finished ones
 * (older finished runs are forgotten first; runs still going are never evicted, and
 * {@code max_concurrent_runs} bounds how many there are).
 *
 * <p>A run still going is reported in its handle's state ({@code pending}, {@code running}). A run
 * becomes finished when the server has {@linkplain #finished recorded} its end, with the JSON of
 * its outputs or error, written once; until then it is reported as running, so that a client
 * never sees {@code succeeded} without the outputs.
 */
final class AsyncRuns {
    private final int limit;
    private final LinkedHashMap<String, Entry> runs = new LinkedHashMap<>();
    private int finished;

    /** How a run ended, and the JSON reporting it. */
    private record End(RunState state, byte[] json) {
    }

    private static final class Entry {
        final RunHandle handle;
        final String pipeline;
        /** The run's end, once recorded; null while it is going. */
        volatile End end;

        Entry(RunHandle handle, String pipeline) {
            this.handle = handle;
            this.pipeline = pipeline;
        }

        byte[] json() {
            End e = end;
            if (e != null) {
                return e.json;
            }
            RunState state = handle.state();
            return status(handle.runId(), pipeline, state.isFinal() ? RunState.RUNNING : state, null);
        }
    }

    /**
     * What {@link #cancel} did.
     *
     * @param state the run's state: the end it had reached for {@link Outcome#ENDED}
     * @param json  the run's status JSON after the call; null for an unknown run
     */
    record Cancel(Outcome outcome, RunState state, byte[] json) {
        enum Outcome {
            /** No such run, or forgotten. */
            UNKNOWN,
            /** The run had already ended; nothing changed. */
            ENDED,
            /** The run was asked to stop (now, or by an earlier call). */
            CANCELLING
        }
    }

    AsyncRuns(int limit) {
        this.limit = limit;
    }

    /** Registers a run just started; before its end can be {@linkplain #finished recorded}. */
    synchronized void started(RunHandle handle, String pipeline) {
        runs.put(handle.runId(), new Entry(handle, pipeline));
    }

    /** Records the end of a run: {@code json} is what {@code GET /runs/{id}} answers from now on. */
    synchronized void finished(String runId, RunState state, byte[] json) {
        Entry e = runs.get(runId);
        if (e == null) {
            return;
        }
        if (e.end == null) {
            finished++;
        }
        e.end = new End(state, json);
        for (Iterator<Map.Entry<String, Entry>> it = runs.entrySet().iterator(); finished > limit && it.hasNext(); ) {
            if (it.next().getValue().end != null) {
                it.remove();
                finished--;
            }
        }
    }

    /** The JSON of the run's state, or {@code null} for an unknown (or forgotten) run. */
    byte[] get(String runId) {
        Entry e;
        synchronized (this) {
            e = runs.get(runId);
        }
        return e == null ? null : e.json();
    }

    /** Asks the run to stop, unless it has ended (see {@link io.sluice.run.RunHandle#cancel()}). */
    Cancel cancel(String runId) {
        Entry e;
        synchronized (this) {
            e = runs.get(runId);
        }
        if (e == null) {
            return new Cancel(Cancel.Outcome.UNKNOWN, null, null);
        }
        End end = e.end;
        if (end != null) {
            return new Cancel(Cancel.Outcome.ENDED, end.state, end.json);
        }
        // Outside the lock: cancelling a pending run ends it at once, and its end is recorded here.
        if (!e.handle.cancel()) {
            // Already asked to stop, or it has just ended on its own.
            RunState state = e.handle.state();
            if (state.isFinal()) {
                return new Cancel(Cancel.Outcome.ENDED, state, e.json());
            }
        }
        return new Cancel(Cancel.Outcome.CANCELLING, e.handle.state(), e.json());
    }

    /** {@code {"run_id", "pipeline", "status"}} and, when given, what {@code body} writes after them. */
    static byte[] status(String runId, String pipeline, RunState state, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            g.writeStringField("pipeline", pipeline);
            g.writeStringField("status", state.jsonName());
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
