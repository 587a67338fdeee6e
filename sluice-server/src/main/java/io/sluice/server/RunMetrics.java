package io.sluice.server;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one exposed pipeline's runs, by outcome and by the kind of thread that ran them,
 * the time spent in them, and its run requests refused before a run ({@link Refusal}); written
 * in the Prometheus text format by {@code GET /metrics}. Thread-safe and cheap to update (one
 * {@link LongAdder} increment per counter).
 */
final class RunMetrics {
    /** How a run ended, as far as the client is concerned. */
    enum Outcome {
        /** 200: the outputs were returned. */
        SUCCEEDED,
        /** 5xx: a node failed, or the server did. */
        FAILED,
        /** 422: the session refused the request before any node ran. */
        REFUSED,
        /** An async run stopped by {@code DELETE /runs/{id}}. */
        CANCELLED;

        static Outcome of(int status) {
            return status < 300 ? SUCCEEDED : status < 500 ? REFUSED : FAILED;
        }
    }

    private final LongAdder[] runs = new LongAdder[Outcome.values().length * 2];
    private final LongAdder nanos = new LongAdder();
    /** This pipeline's run requests refused with a 4xx or 503 answer. */
    final Refusals refusals = new Refusals();

    RunMetrics() {
        for (int i = 0; i < runs.length; i++) {
            runs[i] = new LongAdder();
        }
    }

    /** Counts a finished run that ended as {@code outcome} after {@code took} nanoseconds. */
    void record(Outcome outcome, boolean onIoThread, long took) {
        runs[outcome.ordinal() * 2 + (onIoThread ? 1 : 0)].increment();
        nanos.add(took);
    }

    /** The runs counted with this outcome on this kind of thread. */
    long runs(Outcome outcome, boolean onIoThread) {
        return runs[outcome.ordinal() * 2 + (onIoThread ? 1 : 0)].sum();
    }

    /**
     * The Prometheus text exposition (version 0.0.4) of the pipelines' metrics, the runs in
     * progress and the refused requests ({@code refused}: those that named no served pipeline).
     */
    static String exposition(Map<String, PipelineApi> apis, int inProgress, Refusals refused) {
        StringBuilder out = new StringBuilder(512);
        header(out, "sluice_runs_total", "counter",
                "Pipeline runs finished, by pipeline, outcome and the kind of thread that ran them.");
        for (Map.Entry<String, PipelineApi> e : apis.entrySet()) {
            RunMetrics m = e.getValue().metrics;
            for (Outcome o : Outcome.values()) {
                for (boolean io : new boolean[] {false, true}) {
                    out.append("sluice_runs_total{pipeline=\"").append(escape(e.getKey())).append("\",outcome=\"")
                            .append(o.name().toLowerCase(Locale.ROOT)).append("\",thread=\"")
                            .append(io ? "io" : "worker").append("\"} ").append(m.runs(o, io)).append('\n');
                }
            }
        }
        header(out, "sluice_run_seconds_total", "counter", "Time spent running pipelines, by pipeline.");
        for (Map.Entry<String, PipelineApi> e : apis.entrySet()) {
            out.append("sluice_run_seconds_total{pipeline=\"").append(escape(e.getKey())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", e.getValue().metrics.nanos.sum() / 1e9)).append('\n');
        }
        header(out, "sluice_pipeline_on_io_thread", "gauge",
                "1 while a pipeline's in-memory runs execute on IO threads (run_on: auto), else 0.");
        for (Map.Entry<String, PipelineApi> e : apis.entrySet()) {
            out.append("sluice_pipeline_on_io_thread{pipeline=\"").append(escape(e.getKey())).append("\"} ")
                    .append(e.getValue().ioThreadBudget.onIoThread() ? 1 : 0).append('\n');
        }
        header(out, "sluice_io_thread_demotions_total", "counter",
                "Times a pipeline moved from IO threads back to worker threads (run_on: auto).");
        for (Map.Entry<String, PipelineApi> e : apis.entrySet()) {
            out.append("sluice_io_thread_demotions_total{pipeline=\"").append(escape(e.getKey())).append("\"} ")
                    .append(e.getValue().ioThreadBudget.demotions()).append('\n');
        }
        header(out, "sluice_runs_in_progress", "gauge", "Runs in progress, synchronous and asynchronous.");
        out.append("sluice_runs_in_progress ").append(inProgress).append('\n');
        header(out, "sluice_http_requests_refused_total", "counter", "Requests answered with a 4xx or 503 status "
                + "instead of a run, by status and reason; per pipeline for run requests of a served pipeline.");
        for (Map.Entry<String, PipelineApi> e : apis.entrySet()) {
            for (Refusal r : Refusal.values()) {
                if (r.ofRunRequest) {
                    out.append("sluice_http_requests_refused_total{pipeline=\"").append(escape(e.getKey()))
                            .append("\",status=\"").append(r.status).append("\",reason=\"").append(r.reason)
                            .append("\"} ").append(e.getValue().metrics.refusals.counted(r)).append('\n');
                }
            }
        }
        for (Refusal r : Refusal.values()) {
            if (!r.ofRunRequest) {
                out.append("sluice_http_requests_refused_total{status=\"").append(r.status).append("\",reason=\"")
                        .append(r.reason).append("\"} ").append(refused.counted(r)).append('\n');
            }
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A label value: backslash, double quote and line feed escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
