package io.sluice.runner;

import io.sluice.config.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * One failed attempt of a node run under a {@link RunPolicy}.
 *
 * @param number   1 for the first attempt
 * @param started  when it started
 * @param duration how long it ran
 * @param error    why it failed
 */
public record NodeAttempt(int number, Instant started, Duration duration, Throwable error) {

    /** {@code attempt 2: started 2026-12-06T05:50:00Z, 12 ms, IOException: reset}. */
    public String describe() {
        String cause = error.getMessage() == null ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        return "attempt " + number + ": started " + started + ", " + Durations.format(duration) + ", " + cause;
    }
}
