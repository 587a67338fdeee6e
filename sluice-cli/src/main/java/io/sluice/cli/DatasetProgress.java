package io.sluice.cli;

import io.sluice.run.Progress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The loads and saves in progress, as the terminal's progress line shows them
 * ({@code loading model_input_table 34 % 19/56 MB}, {@code saving companies 12 % 4,096/35,000
 * rows}, {@code saving report 3.1 MB} when the total is unknown). Datasets report per block; the
 * line is redrawn ({@code changed}) at most every {@value #INTERVAL_MILLIS} ms per task, and once
 * more when a task ends so that it disappears.
 */
final class DatasetProgress implements Progress {
    static final long INTERVAL_MILLIS = 100;
    private static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000;

    private final Map<Task, Boolean> tasks = new ConcurrentHashMap<>();
    private final Runnable changed;
    private final LongSupplier nanoTime;

    /**
     * @param changed  redraws the line; called from the threads that load and save
     * @param nanoTime the clock that throttles redraws ({@code System::nanoTime})
     */
    DatasetProgress(Runnable changed, LongSupplier nanoTime) {
        this.changed = changed;
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Progress.Task start(String dataset, String action, long total, Unit unit) {
        Task task = new Task(action + " " + dataset, total, unit, nanoTime.getAsLong());
        tasks.put(task, Boolean.TRUE);
        return task;
    }

    /** The tasks in progress, {@code " · "} between them; empty when there is none. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Task t : tasks.keySet()) {
            if (sb.length() > 0) {
                sb.append(" · ");
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    /** {@code 34 % 19/56 MB}, {@code 12 % 4,096/35,000 rows}, {@code 3.1 MB}: how far {@code done} of {@code total} is. */
    static String amount(long done, long total, Unit unit) {
        String percent = total > 0 ? Math.min(100, done * 100 / total) + " % " : "";
        if (unit == Unit.ROWS) {
            return percent + grouped(done) + (total >= 0 ? "/" + grouped(total) : "") + " rows";
        }
        long scale = Math.max(done, total);
        long divisor = scale >= 1_000_000_000L ? 1_000_000_000L : scale >= 1_000_000L ? 1_000_000L : 1_000L;
        String name = divisor == 1_000_000_000L ? " GB" : divisor == 1_000_000L ? " MB" : " KB";
        return percent + size(done, divisor) + (total >= 0 ? "/" + size(total, divisor) : "") + name;
    }

    /** {@code 19}, or {@code 3.1} below ten units. */
    private static String size(long bytes, long divisor) {
        long tenths = (bytes * 10 + divisor / 2) / divisor;
        return tenths < 100 ? tenths / 10 + "." + tenths % 10 : Long.toString((tenths + 5) / 10);
    }

    /** {@code 35,000}. */
    private static String grouped(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private final class Task implements Progress.Task {
        private final String label;
        private final long total;
        private final Unit unit;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong shownAt;

        Task(String label, long total, Unit unit, long now) {
            this.label = label;
            this.total = total;
            this.unit = unit;
            this.shownAt = new AtomicLong(now);
        }

        @Override
        public void add(long amount) {
            done.addAndGet(amount);
            long now = nanoTime.getAsLong();
            long last = shownAt.get();
            if (now - last >= INTERVAL_NANOS && shownAt.compareAndSet(last, now)) {
                changed.run();
            }
        }

        @Override
        public void close() {
            if (tasks.remove(this) != null) {
                changed.run();
            }
        }

        String text() {
            return label + " " + amount(done.get(), total, unit);
        }
    }
}
