package io.sluice.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * garbage collection or of other processes) comes back. A run that is still going on an IO
 * thread after {@value #SPIKE} budgets (blocked on something) moves its pipeline to worker
 * threads at the next request, before it even finishes, so that the other IO threads keep
 * serving.
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
    /**
     * When the run in progress on IO thread {@code i} started, at index {@code i * PAD} (0 when it
     * runs none): each IO thread writes only its own slot, a cache line away from the others.
     */
    private final AtomicLongArray ioThreadStarts;
    private static final int PAD = 16;

    /**
     * @param ioThreads how many IO threads may run this pipeline's runs (numbered from 0)
     */
    IoThreadBudget(String pipeline, Duration budget, int ioThreads) {
        this.pipeline = pipeline;
        this.budgetNanos = budget.toNanos();
        this.ioThreadStarts = new AtomicLongArray(Math.max(1, ioThreads) * PAD);
    }

    /** Whether the next in-memory run executes on the IO thread that read it. */
    boolean onIoThread() {
        return onIoThread;
    }

    /**
     * {@link #onIoThread()}, after checking the runs in progress on IO threads at {@code now}:
     * when one has been going for over {@value #SPIKE} budgets, the pipeline moves to worker
     * threads now.
     */
    boolean onIoThread(long now) {
        if (!onIoThread) {
            return false;
        }
        for (int i = 0; i < ioThreadStarts.length(); i += PAD) {
            long since = ioThreadStarts.get(i);
            if (since != 0 && now - since > SPIKE * budgetNanos) {
                demote("a run on an IO thread has been going for " + (now - since) / 1_000_000 + " ms");
                return false;
            }
        }
        return true;
    }

    /** Marks the start of a run on IO thread {@code ioThread}, at {@code now}; false when not watched. */
    boolean startedOnIoThread(int ioThread, long now) {
        if (ioThread < 0 || ioThread * PAD >= ioThreadStarts.length()) {
            return false;
        }
        ioThreadStarts.set(ioThread * PAD, now == 0 ? 1 : now);
        return true;
    }

    /** Marks the end of the run on IO thread {@code ioThread}. */
    void finishedOnIoThread(int ioThread) {
        ioThreadStarts.set(ioThread * PAD, 0);
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
        if (spike != lastWasSpike) {
            lastWasSpike = spike; // written only when it changes: IO threads share this object
        }
        if (!onIoThread) {
            int n = ++runs;
            if (n >= probesNeeded && 2 * average <= budgetNanos) {
                onIoThread = true;
                runs = 0;
                LOG.info("Pipeline '{}' now runs on IO threads: its last runs took {} µs on average (io_thread_budget "
                        + "{} µs)", pipeline, average / 1000, budgetNanos / 1000);
            }
        } else if (average > budgetNanos || twoSpikes) {
            demote("its runs took " + average / 1000 + " µs on average (the last " + nanos / 1000 + " µs)");
        }
    }

    private synchronized void demote(String why) {
        if (!onIoThread) {
            return;
        }
        onIoThread = false;
        runs = 0;
        probesNeeded = Math.min(MAX_PROBES, probesNeeded * 2);
        demotions++;
        LOG.info("Pipeline '{}' now runs on worker threads: {}, more than io_thread_budget ({} µs) allows; it "
                + "returns to IO threads after {} faster runs. Raise io_thread_budget, or set run_on: worker or "
                + "io_thread to decide for it.", pipeline, why, budgetNanos / 1000, probesNeeded);
    }
}
