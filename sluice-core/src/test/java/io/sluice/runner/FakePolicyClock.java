package io.sluice.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock for run policy tests: time moves only when a backoff passes or a test (or a node
 * function) calls {@link #advance}; alarms whose time has come go off inside that call. A backoff
 * passes at once (time moves by it and the retry is due before {@code afterBackoff} returns),
 * unless the test {@linkplain #holdBackoffs() holds backoffs}: then they pass when it calls
 * {@link #releaseBackoffs()}.
 */
public final class FakePolicyClock implements PolicyClock {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private long nanos;
    /** Every backoff asked for, in order. */
    public final List<Duration> sleeps = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private final List<Alarm> heldBackoffs = new ArrayList<>();
    private boolean hold;

    private record Alarm(long at, Runnable action, boolean[] disarmed) {
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public Runnable afterBackoff(Duration delay, Runnable retryDue) {
        boolean[] disarmed = {false};
        synchronized (this) {
            sleeps.add(delay);
            if (hold) {
                heldBackoffs.add(new Alarm(delay.toNanos(), retryDue, disarmed));
                notifyAll();
                return () -> {
                    synchronized (this) {
                        disarmed[0] = true;
                    }
                };
            }
        }
        advance(delay);
        retryDue.run();
        return () -> { };
    }

    /** From now on backoffs wait for {@link #releaseBackoffs()}. */
    public synchronized void holdBackoffs() {
        hold = true;
    }

    /** Waits (at most {@code limit}) until {@code count} held backoffs are armed; false on time-out. */
    public synchronized boolean awaitHeldBackoffs(int count, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (heldBackoffs.stream().filter(a -> !a.disarmed()[0]).count() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Ends every held backoff that is still armed: time moves by the longest, then the retries are due. */
    public void releaseBackoffs() {
        List<Alarm> due;
        synchronized (this) {
            due = heldBackoffs.stream().filter(a -> !a.disarmed()[0]).toList();
            heldBackoffs.clear();
            hold = false;
        }
        advance(Duration.ofNanos(due.stream().mapToLong(Alarm::at).max().orElse(0)));
        due.forEach(a -> a.action().run());
    }

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable alarm) {
        boolean[] disarmed = {false};
        alarms.add(new Alarm(nanos + delay.toNanos(), alarm, disarmed));
        return () -> {
            synchronized (this) {
                disarmed[0] = true;
            }
        };
    }

    /** Moves time forward; alarms due go off on the calling thread. */
    public void advance(Duration by) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            nanos += by.toNanos();
            alarms.removeIf(a -> {
                if (a.disarmed()[0]) {
                    return true;
                }
                if (a.at() <= nanos) {
                    due.add(a.action());
                    return true;
                }
                return false;
            });
        }
        due.forEach(Runnable::run);
    }

    /** How many alarms are armed and not yet gone off. */
    public synchronized long armed() {
        return alarms.stream().filter(a -> !a.disarmed()[0]).count();
    }
}
