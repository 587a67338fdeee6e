package io.sluice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpServerExchange;

/**
 * Counters of refused requests by {@link Refusal} ({@code sluice_http_requests_refused_total}):
 * one set for the server (requests that named no served pipeline, counted with an empty
 * {@code pipeline} label, which Prometheus reads as no label) and one in each pipeline's
 * {@link RunMetrics}. Registered once; counting is one increment, and happens only on the way of
 * a refusal.
 */
final class Refusals {
    private final Counter[] counts = new Counter[Refusal.values().length];

    /**
     * The refusals of {@code pipeline}'s run requests, or with {@code pipeline} empty those of the
     * server; each set registers only the reasons that can apply to it.
     */
    Refusals(MeterRegistry registry, String pipeline) {
        for (Refusal r : Refusal.values()) {
            if (r.ofRunRequest == !pipeline.isEmpty()) {
                counts[r.ordinal()] = Counter.builder("sluice.http.requests.refused")
                        .description("Requests answered with a 4xx or 503 status instead of a run, by status and "
                                + "reason; per pipeline for run requests of a served pipeline.")
                        .tags("pipeline", pipeline, "status", Integer.toString(r.status), "reason", r.reason)
                        .register(registry);
            }
        }
    }

    /** Counts a refusal whose answer the caller sends itself. */
    void count(Refusal why) {
        counts[why.ordinal()].increment();
    }

    /** Counts the refusal and answers {@code {"error": message}} with its status. */
    void refuse(HttpServerExchange ex, Refusal why, String message) {
        count(why);
        Responses.error(ex, why.status, message);
    }

    /** The refusals counted for {@code why}. */
    long counted(Refusal why) {
        return (long) counts[why.ordinal()].count();
    }
}
