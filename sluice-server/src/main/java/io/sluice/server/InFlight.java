package io.sluice.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the runs in progress so that a graceful stop can refuse new ones and wait for these.
 * A run enters before its body is read and exits when it has finished and its response is sent.
 */
final class InFlight {
    private final AtomicInteger active = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean draining;

    /** Registers a run; false (nothing registered) once draining has begun. */
    boolean enter() {
        active.incrementAndGet();
        if (draining) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (active.decrementAndGet() == 0 && draining) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    boolean draining() {
        return draining;
    }

    int active() {
        return active.get();
    }

    /** Refuses new runs from now on and waits up to {@code grace} for the others; true if none is left. */
    boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            while (active.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
