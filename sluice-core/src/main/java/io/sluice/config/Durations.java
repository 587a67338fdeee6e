package io.sluice.config;

import java.time.Duration;

/** Durations written as runners.yml takes them ({@code 200ms}, {@code 5s}, {@code 2m}). */
public final class Durations {
    private Durations() {
    }

    /** {@code d} as the config reads it back ({@code 200ms}, {@code 5s}), or with a fraction of a millisecond. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        long ms = nanos / 1_000_000;
        if (ms == 0) {
            return "0ms";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
