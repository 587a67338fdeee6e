package io.sluice.session;

import java.util.HashSet;
import java.util.Set;

/**
 * The cancel flag of one started run, and the threads that are inside a node function of it at
 * this moment — the only place they may be interrupted: never in a load or a save, so that no
 * dataset is left half-written. Thread-safe.
 */
final class Cancellation {
    private final Set<Thread> inFunction = new HashSet<>();
    private volatile boolean cancelled;

    boolean isCancelled() {
        return cancelled;
    }

    /** Sets the flag and interrupts the threads inside a node function; false if already set. */
    synchronized boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        inFunction.forEach(Thread::interrupt);
        return true;
    }

    /** Before a node function: false (and nothing registered) when the run is cancelled. */
    synchronized boolean enterFunction() {
        if (cancelled) {
            return false;
        }
        inFunction.add(Thread.currentThread());
        return true;
    }

    /**
     * After a node function. An interrupt this run's cancellation sent must not outlive the
     * function (it would break the next save on this thread), so it is cleared here.
     */
    synchronized void leaveFunction() {
        inFunction.remove(Thread.currentThread());
        if (cancelled) {
            Thread.interrupted();
        }
    }
}
