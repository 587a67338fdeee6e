package io.sluice.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one exposed pipeline, registered once with the server's Micrometer registry
 * ({@link ServerMetrics}) so that counting a run looks nothing up and allocates nothing: runs by
 * outcome and by the kind of thread that ran them ({@code sluice_runs_total}), their latency as
 * a histogram ({@code sluice_run_seconds}), where {@code run_on: auto} placed the pipeline, and
 * its run requests refused before a run ({@link Refusal}). Thread-safe.
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

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The buckets of the latency histogram: in-memory runs take microseconds, runs that load data
     * seconds; fixed, so that every server exposes the same series.
     */
    static final List<Duration> LATENCY_BUCKETS = List.of(Duration.ofNanos(50_000), Duration.ofNanos(100_000),
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** By {@code outcome.ordinal() * 2 + (onIoThread ? 1 : 0)}. */
    private final Counter[] runs = new Counter[Outcome.values().length * 2];
    private final Timer latency;
    /** This pipeline's run requests refused with a 4xx or 503 answer. */
    final Refusals refusals;

    /** Registers the meters of pipeline {@code pipeline} with {@code registry}. */
    RunMetrics(MeterRegistry registry, String pipeline) {
        for (Outcome o : Outcome.values()) {
            for (int io = 0; io < 2; io++) {
                runs[o.ordinal() * 2 + io] = Counter.builder("sluice.runs")
                        .description("Pipeline runs finished, by pipeline, outcome and the kind of thread that ran them.")
                        .tags("pipeline", pipeline, "outcome", o.label(), "thread", io == 1 ? "io" : "worker")
                        .register(registry);
            }
        }
        this.latency = Timer.builder("sluice.run").description("How long runs took, by pipeline.")
                .tag("pipeline", pipeline).serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
                .register(registry);
        this.refusals = new Refusals(registry, pipeline);
    }

    /** Adds the gauges of {@code run_on: auto}'s placement of this pipeline. */
    void watch(MeterRegistry registry, String pipeline, IoThreadBudget budget) {
        Gauge.builder("sluice.pipeline.on.io.thread", budget, b -> b.onIoThread() ? 1 : 0)
                .description("1 while a pipeline's in-memory runs execute on IO threads (run_on: auto), else 0.")
                .tag("pipeline", pipeline).strongReference(true).register(registry);
        FunctionCounter.builder("sluice.io.thread.demotions", budget, IoThreadBudget::demotions)
                .description("Times a pipeline moved from IO threads back to worker threads (run_on: auto).")
                .tag("pipeline", pipeline).register(registry); // the budget lives as long as its pipeline's route
    }

    /** Counts a finished run that ended as {@code outcome} after {@code took} nanoseconds. */
    void record(Outcome outcome, boolean onIoThread, long took) {
        runs[outcome.ordinal() * 2 + (onIoThread ? 1 : 0)].increment();
        latency.record(took, TimeUnit.NANOSECONDS);
    }

    /** The runs counted with this outcome on this kind of thread. */
    long runs(Outcome outcome, boolean onIoThread) {
        return (long) runs[outcome.ordinal() * 2 + (onIoThread ? 1 : 0)].count();
    }
}
