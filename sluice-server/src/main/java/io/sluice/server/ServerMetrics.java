package io.sluice.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;

/**
 * The meters of one server, in a Micrometer {@link PrometheusMeterRegistry} of its own that
 * {@code GET /metrics} scrapes: the runs, latencies and refusals of every exposed pipeline
 * ({@link RunMetrics}), the runs in progress, and the JVM's and the process's meters (memory,
 * garbage collection, threads, classes, CPU, uptime, open files). The server's warm-up requests
 * are counted in a second registry that nothing scrapes, through the same code, so that warm-up
 * compiles the path clients take. Closed with the server.
 */
final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusMeterRegistry warmUp = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Refusals of requests that name no served pipeline. */
    final Refusals refused;

    /** @param inProgress the runs in progress, synchronous and asynchronous */
    ServerMetrics(IntSupplier inProgress) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("sluice.runs.in.progress", inProgress, IntSupplier::getAsInt)
                .description("Runs in progress, synchronous and asynchronous.").strongReference(true).register(registry);
        this.refused = new Refusals(registry, "");
    }

    /** The meters of exposed pipeline {@code api}. */
    RunMetrics pipeline(String name, IoThreadBudget budget) {
        RunMetrics metrics = new RunMetrics(registry, name);
        metrics.watch(registry, name, budget);
        return metrics;
    }

    /** Meters for the warm-up requests of pipeline {@code name}, which {@code GET /metrics} does not show. */
    RunMetrics warmUp(String name) {
        return new RunMetrics(warmUp, name);
    }

    /** The registry {@code GET /metrics} shows, for an application that adds meters of its own. */
    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (version 0.0.4) of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
        warmUp.close();
    }
}
