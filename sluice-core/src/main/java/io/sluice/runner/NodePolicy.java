package io.sluice.runner;

import java.time.Duration;

/**
 * The run policy of one node, resolved from the rules of a runner entry ({@link RunPolicy}).
 *
 * @param maxAttempts    how many times the node may run (1: no retry)
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff     the longest wait, before jitter
 * @param multiplier     the factor between successive waits
 * @param jitter         the fraction each wait varies by, at random, both ways: 0.2 gives waits
 *                       from 80 % to 120 % of the nominal one
 * @param timeout        how long one call of the node's function may take, or null for no limit
 * @param rules          the rules that chose this, for messages ("retry rule 1, timeout rule 2")
 */
public record NodePolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                         double jitter, Duration timeout, String rules) {

    /**
     * The wait after failed attempt {@code attempt} (1-based): {@code initialBackoff *
     * multiplier^(attempt-1)}, capped at {@code maxBackoff}, times {@code 1 + jitter * (2u - 1)}.
     *
     * @param u a uniform random number in [0, 1)
     */
    public Duration backoff(int attempt, double u) {
        double nominal = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        nominal = Math.min(nominal, maxBackoff.toNanos());
        double jittered = nominal * (1 + jitter * (2 * u - 1));
        return Duration.ofNanos(Math.max(0, Math.round(jittered)));
    }

    /** The wait before jitter after failed attempt {@code attempt} (for messages and tests). */
    public Duration nominalBackoff(int attempt) {
        return backoff(attempt, 0.5);
    }
}
