package io.sluice.launch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a long-running launch (a server, a sweep) to stop: the command line fires it on SIGTERM or
 * Ctrl-C, an application or a test when it is done. Fired once; every waiter wakes.
 */
public final class StopSignal {
    private final CountDownLatch fired = new CountDownLatch(1);

    /** Asks the launch to stop; later calls do nothing. */
    public void fire() {
        fired.countDown();
    }

    /** Whether {@link #fire()} was called. */
    public boolean fired() {
        return fired.getCount() == 0;
    }

    /** Waits until {@link #fire()} is called. */
    public void await() throws InterruptedException {
        fired.await();
    }

    /** Waits at most {@code timeout}; true if fired. */
    public boolean await(Duration timeout) throws InterruptedException {
        return fired.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
