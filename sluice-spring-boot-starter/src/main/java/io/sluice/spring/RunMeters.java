package io.sluice.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A hook that measures every run of the session in Micrometer: {@code sluice.runs} (a counter by
 * {@code pipeline} and {@code outcome}: {@code succeeded}, {@code failed}, {@code cancelled}) and
 * {@code sluice.run} (a timer of the same tags, with a percentile histogram). A run the session
 * refuses before it starts (an unknown pipeline, a bad parameter) is not a run and is not
 * counted. Thread-safe: runs may overlap.
 */
public final class RunMeters implements Hook {
    private final MeterRegistry registry;
    /** When each run in progress started, by run id. */
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    public RunMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        started.put(run.runId(), System.nanoTime());
    }

    @Override
    public void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
        ended(run, "succeeded");
    }

    @Override
    public void onPipelineError(RunContext run, Pipeline pipeline, Throwable error) {
        ended(run, error instanceof RunCancelledException ? "cancelled" : "failed");
    }

    private void ended(RunContext run, String outcome) {
        Long start = started.remove(run.runId());
        String pipeline = run.pipelineName();
        Counter.builder("sluice.runs").description("Pipeline runs finished, by pipeline and outcome.")
                .tags("pipeline", pipeline, "outcome", outcome).register(registry).increment();
        if (start != null) {
            Timer.builder("sluice.run").description("How long pipeline runs took, by pipeline and outcome.")
                    .tags("pipeline", pipeline, "outcome", outcome).publishPercentileHistogram()
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
