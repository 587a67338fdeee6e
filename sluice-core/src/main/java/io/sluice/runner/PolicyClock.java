package io.sluice.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time a run policy ({@link RunPolicy}) lives by: when an attempt starts and how long it took,
 * the wait between attempts, the alarm of a timeout. A session uses {@link #system()}; tests give
 * the session a fake one ({@code Session.compile(project, options, clock)}) so that retries and
 * timeouts are checked without sleeping.
 */
public interface PolicyClock {

    /** Now, for the attempt listing. */
    Instant now();

    /** A monotonic time in nanoseconds, for attempt durations. */
    long nanoTime();

    /**
     * Runs {@code retryDue} once, on any thread, when the backoff {@code delay} before a node's
     * next attempt has passed, unless the returned handle is run first (which disarms it). No
     * thread waits meanwhile: runners spend the backoff on other nodes.
     */
    Runnable afterBackoff(Duration delay, Runnable retryDue);

    /**
     * Runs {@code alarm} once after {@code delay}, on any thread, unless the returned handle is
     * run first (which disarms it).
     */
    Runnable schedule(Duration delay, Runnable alarm);

    /** The wall clock and one daemon timer thread (started on first use) for backoffs and timeouts. */
    static SystemClock system() {
        return new SystemClock();
    }

    /** {@link PolicyClock#system()}: owned by a session, which closes it. */
    final class SystemClock implements PolicyClock, AutoCloseable {
        private ScheduledThreadPoolExecutor timer;

        private SystemClock() {
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return java.lang.System.nanoTime();
        }

        @Override
        public Runnable afterBackoff(Duration delay, Runnable retryDue) {
            return schedule(delay, retryDue);
        }

        @Override
        public Runnable schedule(Duration delay, Runnable alarm) {
            ScheduledFuture<?> f = timer().schedule(alarm, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }

        private synchronized ScheduledThreadPoolExecutor timer() {
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "sluice-node-timer-" + Integer.toHexString(
                            java.lang.System.identityHashCode(this)));
                    t.setDaemon(true);
                    return t;
                });
                timer.setRemoveOnCancelPolicy(true);
            }
            return timer;
        }

        /** Stops the timer thread. */
        @Override
        public synchronized void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
