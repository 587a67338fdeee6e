package io.sluice.io;

import io.sluice.run.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/** A progress sink that keeps every task and what was reported to it (thread-safe: stretches report in parallel). */
final class RecordingProgress implements Progress {
    final List<Recorded> tasks = new CopyOnWriteArrayList<>();
    private final boolean enabled;

    RecordingProgress(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Task start(String dataset, String action, long total, Unit unit) {
        Recorded r = new Recorded(dataset, action, total, unit);
        tasks.add(r);
        return r;
    }

    static final class Recorded implements Progress.Task {
        final String dataset;
        final String action;
        final long total;
        final Unit unit;
        final AtomicLong done = new AtomicLong();
        final AtomicInteger reports = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Recorded(String dataset, String action, long total, Unit unit) {
            this.dataset = dataset;
            this.action = action;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void add(long amount) {
            if (closed.get()) {
                throw new AssertionError("reported after close");
            }
            done.addAndGet(amount);
            reports.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
