package io.sluice.server;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@link ServerConfig.RunOn#AUTO}, where one exposed pipeline's in-memory runs execute. Runs
 * are timed wherever they execute. A pipeline starts on worker threads; once {@value #PROBES}
 * runs there average at most half the budget, it moves to the IO threads. When its runs there
 * average more than the budget, or two in a row take over {@value #SPIKE} budgets each, it moves
 * back to worker threads and must prove itself again over twice as many runs as the previous
 * time (at most {@value #MAX_PROBES}). So a pipeline that blocks or computes for long never
 * stalls an IO thread on its first runs, JIT warm-up happens on workers, a pipeline that became
 * slow leaves the IO threads within a few runs, and one that was only unlucky (a burst of
 * garbage collection or of other processes) comes back.
 *
 * <p>The average weighs each run by 1/16 and counts a run as at most {@value #CLAMP} budgets, so
 * that one pause does not move a pipeline. Thread-safe: threads may race on the average and
 * lose an update, which is harmless.
 */
final class IoThreadBudget {
    private static final Logger LOG = LoggerFactory.getLogger(IoThreadBudget.class);
    static final int PROBES = 16;
    static final int MAX_PROBES = 4096;
    static final int SPIKE = 16;
    static final int CLAMP = 4;

    private final String pipeline;
    private final long budgetNanos;
    private volatile boolean onIoThread;
    private volatile long averageNanos = -1;
    private volatile int runs;
    private volatile int probesNeeded = PROBES;
    private volatile int demotions;
    private volatile boolean lastWasSpike;

    IoThreadBudget(String pipeline, Duration budget) {
        this.pipeline = pipeline;
        this.budgetNanos = budget.toNanos();
    }

    /** Whether the next in-memory run executes on the IO thread that read it. */
    boolean onIoThread() {
        return onIoThread;
    }

    /** How many times the pipeline moved back from the IO threads to worker threads. */
    int demotions() {
        return demotions;
    }

    /** Records how long an in-memory run took, on the thread {@link #onIoThread()} chose. */
    void record(long nanos) {
        long sample = Math.min(nanos, CLAMP * budgetNanos);
        long previous = averageNanos;
        long average = previous < 0 ? sample : previous + (sample - previous) / 16;
        averageNanos = average;
        boolean spike = nanos > SPIKE * budgetNanos;
        boolean twoSpikes = spike && lastWasSpike;
        lastWasSpike = spike;
        int n = ++runs;
        if (!onIoThread) {
            if (n >= probesNeeded && 2 * average <= budgetNanos) {
                onIoThread = true;
                runs = 0;
                LOG.info("Pipeline '{}' now runs on IO threads: its last runs took {} µs on average (io_thread_budget "
                        + "{} µs)", pipeline, average / 1000, budgetNanos / 1000);
            }
        } else if (average > budgetNanos || twoSpikes) {
            onIoThread = false;
            runs = 0;
            probesNeeded = Math.min(MAX_PROBES, probesNeeded * 2);
            demotions++;
            LOG.info("Pipeline '{}' now runs on worker threads: its runs took {} µs on average (the last {} µs), more "
                    + "than io_thread_budget ({} µs); it returns to IO threads after {} faster runs. Raise "
                    + "io_thread_budget, or set run_on: worker or io_thread to decide for it.", pipeline,
                    average / 1000, nanos / 1000, budgetNanos / 1000, probesNeeded);
        }
    }
}
