package io.sluice.cli;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a progress bar on an interactive terminal, else one log line per
 * completed node ({@code INFO  Completed 3 out of 10 nodes: clean_orders}), which reads well in
 * CI logs and files. Counting is thread-safe for the parallel runner.
 */
abstract class ProgressHook implements Hook, AutoCloseable {

    final AtomicInteger completed = new AtomicInteger();
    volatile int total;

    /**
     * The right progress display for this process. The bar's class (and the terminal library
     * behind it) is only loaded when there is a console, which keeps non-interactive runs fast.
     */
    static ProgressHook create(boolean quiet) {
        if (quiet) {
            return new Silent();
        }
        if (System.console() != null) {
            return new ConsoleProgressBar();
        }
        return new LogLines();
    }

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        total = pipeline.size();
        completed.set(0);
        started(run, pipeline);
    }

    /** Counted once the node's outputs are saved, so "Completed" never runs ahead of the data. */
    @Override
    public void onNodeCompleted(RunContext run, Node node) {
        nodeCompleted(completed.incrementAndGet(), node);
    }

    void started(RunContext run, Pipeline pipeline) {
    }

    abstract void nodeCompleted(int done, Node node);

    @Override
    public void close() {
    }

    /** Log lines, for pipes, files and CI. */
    static final class LogLines extends ProgressHook {
        private final Logger log = LoggerFactory.getLogger("io.sluice.cli.progress");

        @Override
        void started(RunContext run, Pipeline pipeline) {
            log.info("Running pipeline {} ({} nodes), run id {}, env {}", run.pipelineName(), total, run.runId(),
                    run.env());
        }

        @Override
        void nodeCompleted(int done, Node node) {
            log.info("Completed {} out of {} nodes: {}", done, total, node.name());
        }
    }

    /** {@code --quiet}: nothing. */
    static final class Silent extends ProgressHook {
        @Override
        void nodeCompleted(int done, Node node) {
        }
    }
}
