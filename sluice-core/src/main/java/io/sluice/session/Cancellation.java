package io.sluice.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cancel flag of one started run, the threads that are inside a node function of it at this
 * moment — the only place they may be interrupted: never in a load or a save, so that no dataset
 * is left half-written — and the retries waiting out a backoff, which a cancel makes due at once.
 * Thread-safe.
 */
final class Cancellation {
    private final Set<Thread> inFunction = new HashSet<>();
    private final Set<Runnable> backoffs = new LinkedHashSet<>();
    private volatile boolean cancelled;

    boolean isCancelled() {
        return cancelled;
    }

    /**
     * Sets the flag, interrupts the threads inside a node function and ends every backoff (on
     * this thread, after the flag is set); false if already set.
     */
    boolean cancel() {
        List<Runnable> due;
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            inFunction.forEach(Thread::interrupt);
            due = new ArrayList<>(backoffs);
            backoffs.clear();
        }
        due.forEach(Runnable::run);
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

    /**
     * A backoff begins: {@code retryDue} is run by {@link #cancel} unless {@link #backoffEnded}
     * comes first. False (and nothing registered) when the run is cancelled already.
     */
    synchronized boolean backoffBegins(Runnable retryDue) {
        if (cancelled) {
            return false;
        }
        backoffs.add(retryDue);
        return true;
    }

    /** The backoff of {@code retryDue} has passed (or was abandoned). */
    synchronized void backoffEnded(Runnable retryDue) {
        backoffs.remove(retryDue);
    }
}
