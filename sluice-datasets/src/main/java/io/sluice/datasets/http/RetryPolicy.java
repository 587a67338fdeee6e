package io.sluice.datasets.http;

import io.sluice.config.ConfigBinder;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;

/**
 * When an {@code http} engine sends a request again, and after how long: {@code retry:} of its
 * entry.
 *
 * <pre>{@code
 * retry:
 *   max_attempts: 4            # every attempt counts, the first too; 1 = never retry
 *   initial_backoff: 200ms     # the wait before the second attempt
 *   max_backoff: 10s           # no wait is longer (a Retry-After beyond max_retry_after gives up instead)
 *   multiplier: 2.0            # each wait is the previous one times this
 *   jitter: 0.2                # each wait is shortened by a random part of up to 20 %
 *   max_retry_after: 60s       # the longest Retry-After the engine waits for
 *   on_status: [429, 500, 502, 503, 504]
 *   methods: [GET, HEAD, OPTIONS, PUT, DELETE]   # idempotent ones; add POST only if the API de-duplicates
 * }</pre>
 *
 * <p>A request is sent again when its method is in {@code methods} and the answer's status is in
 * {@code on_status}, or no answer came (connection refused or reset, a timeout). The wait before
 * attempt {@code n + 1} is {@code initial_backoff * multiplier^(n-1)}, at most {@code max_backoff},
 * minus a random share of up to {@code jitter} of it (so that clients that failed together do not
 * come back together). A {@code Retry-After} (seconds or an HTTP date) on a 429 or 503 replaces
 * that wait; one longer than {@code max_retry_after} ends the retries at once, since waiting that
 * long inside a run is rarely what anyone wants.
 *
 * @param maxAttempts    every attempt counts, the first one too
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff     the longest computed wait
 * @param multiplier     how each wait grows over the previous one
 * @param jitter         the largest share of a wait taken off at random
 * @param maxRetryAfter  the longest {@code Retry-After} honoured
 * @param onStatus       the statuses that are sent again
 * @param methods        the methods that are sent again (upper case)
 */
record RetryPolicy(@ConfigBinder.Range(min = 1, max = 100) int maxAttempts, Duration initialBackoff,
                   Duration maxBackoff, double multiplier, double jitter, Duration maxRetryAfter,
                   List<Integer> onStatus, List<String> methods) {

    /** Idempotent methods per RFC 9110 (POST and PATCH are not). */
    static final List<String> IDEMPOTENT = List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    static final RetryPolicy DEFAULTS = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0, 0.2,
            Duration.ofSeconds(60), List.of(429, 500, 502, 503, 504), IDEMPOTENT);

    RetryPolicy {
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("retry.multiplier must be at least 1.0, got " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("retry.jitter must be from 0.0 to 1.0, got " + jitter);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry.max_backoff (" + maxBackoff + ") must not be shorter than "
                    + "retry.initial_backoff (" + initialBackoff + ")");
        }
        for (int s : onStatus) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("retry.on_status holds " + s + ", which is not an HTTP status");
            }
            if (s < 400) {
                throw new IllegalArgumentException("retry.on_status holds " + s + ": only failures (4xx, 5xx) can "
                        + "be retried");
            }
        }
        onStatus = List.copyOf(new TreeSet<>(onStatus));
        Set<String> upper = new java.util.LinkedHashSet<>();
        for (String m : methods) {
            String u = m.trim().toUpperCase(Locale.ROOT);
            if (!u.matches("[A-Z]+")) {
                throw new IllegalArgumentException("retry.methods holds '" + m + "', which is not an HTTP method");
            }
            upper.add(u);
        }
        methods = List.copyOf(upper);
    }

    /** Whether requests of {@code method} are sent again at all. */
    boolean retries(String method) {
        return maxAttempts > 1 && methods.contains(method.toUpperCase(Locale.ROOT));
    }

    /** Whether an answer of {@code status} is worth another attempt. */
    boolean retriesStatus(int status) {
        return onStatus.contains(status);
    }

    /**
     * The wait after failed attempt {@code attempt} (1 for the first), before jitter:
     * {@code initial_backoff * multiplier^(attempt-1)}, at most {@code max_backoff}.
     */
    Duration backoff(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }

    /** {@link #backoff} shortened by {@code random() * jitter} of itself; {@code random} gives [0, 1). */
    Duration backoffWithJitter(int attempt, DoubleSupplier random) {
        long base = backoff(attempt).toMillis();
        return Duration.ofMillis(Math.max(0, base - (long) (base * jitter * random.getAsDouble())));
    }

    /**
     * A {@code Retry-After} value: delay-seconds, or an HTTP date (RFC 9110 §10.2.3), as a wait from
     * {@code now}; empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(Optional<String> header, ZonedDateTime now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
