package io.sluice.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemporalConfigTest {

    private static TemporalConfig with(Duration startToClose, Duration heartbeat, Optional<TemporalConfig.Tls> tls,
                                       Map<String, String> credentials) {
        TemporalConfig d = TemporalConfig.DEFAULTS;
        return new TemporalConfig(d.address(), d.namespace(), d.taskQueue(), d.parallelism(), startToClose, heartbeat,
                d.workerSlots(), d.retry(), tls, credentials, Optional.empty());
    }

    @Test
    void aHeartbeatLongerThanAnAttemptIsRefusedNamingBoth() {
        assertThatThrownBy(() -> with(Duration.ofSeconds(5), Duration.ofSeconds(10), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeat must be longer than 0 and at most start_to_close (PT5S)");
    }

    @Test
    void aClientCertificateNeedsItsKeyAndAnAddressNeedsAPort() {
        assertThatThrownBy(() -> new TemporalConfig.Tls(Optional.of("c.pem"), Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("tls needs both cert and key");
        TemporalConfig d = TemporalConfig.DEFAULTS;
        assertThatThrownBy(() -> new TemporalConfig("temporal.internal", d.namespace(), d.taskQueue(), 1,
                d.startToClose(), d.heartbeat(), 1, d.retry(), Optional.empty(), Map.of(), Optional.empty()))
                .hasMessageContaining("address must be host:port");
    }

    @Test
    void theApiKeyComesFromTheBoundCredentials() {
        assertThat(with(Duration.ofMinutes(1), Duration.ofSeconds(5), Optional.empty(), Map.of("api_key", "k"))
                .apiKey()).contains("k");
        assertThat(TemporalConfig.DEFAULTS.apiKey()).isEmpty();
    }

    @Test
    void aGroupingNamesAKnownStrategyWithTheOptionsItTakes() {
        assertThatThrownBy(() -> new TemporalConfig.Grouping("brnch", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown grouping strategy 'brnch'").hasMessageContaining("Did you mean 'branch'?");
        assertThatThrownBy(() -> new TemporalConfig.Grouping("branch", Optional.of("g:"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("tag_prefix applies to strategy tag only");
        assertThatThrownBy(() -> new TemporalConfig.Grouping("node", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("cost:")))
                .hasMessageContaining("cost_tag weighs nodes for a merge");
        TemporalConfig.Grouping merged = new TemporalConfig.Grouping("tag", Optional.empty(), Optional.of("misc"),
                Optional.of(3), Optional.empty(), Optional.empty());
        assertThat(merged.groupBy().asOptions()).isEqualTo("--group-by tag --rest misc --target-groups 3");
        assertThat(TemporalConfig.DEFAULTS.groupBy()).isNull();
    }

    @Test
    void retryWaitsMustGrowFromAPositiveStart() {
        assertThatThrownBy(() -> new TemporalConfig.Retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, null))
                .hasMessageContaining("retry.max_interval must be at least retry.initial_interval");
        assertThatThrownBy(() -> new TemporalConfig.Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, null))
                .hasMessageContaining("retry.backoff must be 1.0 or more");
    }
}
