package io.sluice.cli;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a progress bar on an interactive terminal (the nodes running, elapsed
 * time and ETA), else one log line per completed node
 * ({@code INFO  Completed 3 out of 10 nodes: clean_orders (1.2 s, about 2.8 s left)}), which reads
 * well in CI logs and files. Counting is thread-safe for the parallel runner. The ETA is the mean
 * time per completed node times the nodes left.
 */
abstract class ProgressHook implements Hook, AutoCloseable {

    final AtomicInteger completed = new AtomicInteger();
    volatile int total;
    volatile long startNanos;

    /**
     * The right progress display for this process. The bar's class (and the terminal library
     * behind it) is only loaded when stderr is a terminal, which keeps non-interactive runs fast;
     * JSON logs ({@code --log-format json}) are for machines, so they get log lines.
     */
    static ProgressHook create(boolean quiet, boolean jsonLogs) {
        if (quiet) {
            return new Silent();
        }
        if (!jsonLogs && Terminal.current().stderrIsTerminal()) {
            return new ConsoleProgressBar();
        }
        return new LogLines();
    }

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        total = pipeline.size();
        completed.set(0);
        startNanos = System.nanoTime();
        started(run, pipeline);
    }

    /** Counted once the node's outputs are saved, so "Completed" never runs ahead of the data. */
    @Override
    public void onNodeCompleted(RunContext run, Node node) {
        nodeCompleted(completed.incrementAndGet(), node);
    }

    void started(RunContext run, Pipeline pipeline) {
    }

    /**
     * Where the run's datasets report long loads and saves: shown on the terminal's bar, else
     * {@link Progress#NONE} (log lines, JSON logs and {@code -q} show no dataset progress).
     */
    Progress datasets() {
        return Progress.NONE;
    }

    abstract void nodeCompleted(int done, Node node);

    /** Nanoseconds left at the pace so far, with {@code done} of {@code total} nodes completed after {@code elapsed}. */
    static long etaNanos(long elapsed, int done, int total) {
        return done <= 0 ? -1 : elapsed / done * (total - done);
    }

    /** {@code 0.4 s}, {@code 12 s}, {@code 3 min 05 s}, {@code 1 h 02 min} (no Formatter: it is many classes to load). */
    static String duration(long nanos) {
        long tenths = Math.max(0, (nanos + 50_000_000) / 100_000_000);
        if (tenths < 100) {
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long s = (tenths + 5) / 10;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + twoDigits(s % 60) + " s";
        }
        return s / 3600 + " h " + twoDigits(s / 60 % 60) + " min";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

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
            if (!log.isInfoEnabled()) {
                return;
            }
            long elapsed = System.nanoTime() - startNanos;
            String time = done == total ? duration(elapsed)
                    : duration(elapsed) + ", about " + duration(etaNanos(elapsed, done, total)) + " left";
            log.info("Completed {} out of {} nodes: {} ({})", done, total, node.name(), time);
        }
    }

    /** {@code --quiet}: nothing. */
    static final class Silent extends ProgressHook {
        @Override
        void nodeCompleted(int done, Node node) {
        }
    }
}
