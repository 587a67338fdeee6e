package io.sluice.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock for run policy tests: time moves only when a backoff "sleeps" or a test (or a node
 * function) calls {@link #advance}; alarms whose time has come go off inside that call.
 */
public final class FakePolicyClock implements PolicyClock {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private long nanos;
    /** Every backoff asked for, in order. */
    public final List<Duration> sleeps = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();

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
    public void sleep(Duration delay) {
        synchronized (this) {
            sleeps.add(delay);
        }
        advance(delay);
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
