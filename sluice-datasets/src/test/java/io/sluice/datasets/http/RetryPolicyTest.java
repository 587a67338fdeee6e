package io.sluice.datasets.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arithmetic of the http engine's retries: growth, bound, jitter, Retry-After, which methods. */
class RetryPolicyTest {
    private static RetryPolicy policy(int attempts, double jitter) {
        return new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, jitter,
                Duration.ofSeconds(60), List.of(503, 429), List.of("get", "PUT"));
    }

    @Test
    void theWaitDoublesAndNeverExceedsMaxBackoff() {
        RetryPolicy p = policy(10, 0.0);

        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(5), p.backoff(60)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void jitterTakesAtMostItsShareOffTheWait() {
        RetryPolicy p = policy(10, 0.25);

        assertThat(p.backoffWithJitter(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoffWithJitter(3, () -> 0.999)).isBetween(Duration.ofMillis(300), Duration.ofMillis(301));
        assertThat(p.backoffWithJitter(60, () -> 0.5)).isEqualTo(Duration.ofMillis(875));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 6, 5, 0, 0, 0, ZoneOffset.UTC);

        assertThat(RetryPolicy.retryAfter(Optional.of("120"), now)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryPolicy.retryAfter(Optional.of("Sun, 06 Dec 2026 05:00:30 GMT"), now))
                .hasValue(Duration.ofSeconds(30));
        assertThat(RetryPolicy.retryAfter(Optional.of("Sun, 06 Dec 2026 04:00:00 GMT"), now))
                .as("a date in the past means now").hasValue(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(Optional.empty(), now)).isEmpty();
    }

    @Test
    void onlyTheListedMethodsAndStatusesAreRetriedAndOneAttemptRetriesNothing() {
        RetryPolicy p = policy(3, 0.0);

        assertThat(p.retries("GET")).isTrue();
        assertThat(p.retries("put")).isTrue();
        assertThat(p.retries("POST")).isFalse();
        assertThat(p.retriesStatus(429)).isTrue();
        assertThat(p.retriesStatus(500)).isFalse();
        assertThat(policy(1, 0.0).retries("GET")).isFalse();
        assertThat(RetryPolicy.DEFAULTS.methods()).doesNotContain("POST", "PATCH");
    }

    @Test
    void valuesThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, 0.1,
                Duration.ofSeconds(1), List.of(503), List.of("GET")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max_backoff");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(1), 2.0, 0.1,
                Duration.ofSeconds(1), List.of(200), List.of("GET")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only failures");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(1), 0.5, 0.1,
                Duration.ofSeconds(1), List.of(503), List.of("GET")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
    }
}
