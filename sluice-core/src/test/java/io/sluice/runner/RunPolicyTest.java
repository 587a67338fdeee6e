package io.sluice.runner;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPolicyTest {

    static int same(int x) {
        return x;
    }

    private static RunPolicy.Retry retry(List<String> nodes, List<String> tags, List<String> namespaces, int attempts) {
        return new RunPolicy.Retry(nodes, tags, namespaces, Optional.of(attempts), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void rulesSelectNodesByNameTagOrNamespaceAndTheFirstMatchWins() {
        Node[] nodes = {
                node(RunPolicyTest::same).inputs("a").outputs("b").name("fetch_prices"),
                node(RunPolicyTest::same).inputs("b").outputs("c").name("clean").tags("flaky"),
                node(RunPolicyTest::same).inputs("c").outputs("d").name("score").namespace("eu.models"),
                node(RunPolicyTest::same).inputs("d").outputs("e").name("report")};
        RunPolicy policy = new RunPolicy(List.of(
                retry(List.of("fetch_prices"), List.of("flaky"), List.of(), 3),
                retry(List.of(), List.of(), List.of("eu"), 5)),
                List.of(new RunPolicy.Timeout(List.of("report"), List.of(), List.of(), Duration.ofSeconds(9))));
        NodePolicy[] resolved = policy.resolve(nodes, "default");
        assertThat(resolved[0].maxAttempts()).isEqualTo(3);
        assertThat(resolved[1].maxAttempts()).isEqualTo(3);
        assertThat(resolved[2].maxAttempts()).isEqualTo(5);
        assertThat(resolved[3].maxAttempts()).isEqualTo(1);
        assertThat(resolved[3].timeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(resolved[0].timeout()).isNull();
    }

    @Test
    void noPolicyResolvesToNothing() {
        Node[] nodes = {node(RunPolicyTest::same).inputs("a").outputs("b").name("n")};
        assertThat(RunPolicy.NONE.resolve(nodes, "default")).isNull();
        RunPolicy other = new RunPolicy(List.of(retry(List.of("elsewhere"), List.of(), List.of(), 2)), List.of());
        assertThat(other.resolve(nodes, "default")).isNull();
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheMaximumWithinTheJitterBounds() {
        NodePolicy p = new NodePolicy(6, Duration.ofMillis(200), Duration.ofSeconds(1), 2, 0.2, null, "test");
        assertThat(p.nominalBackoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.nominalBackoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.nominalBackoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.nominalBackoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(1, 0)).isEqualTo(Duration.ofMillis(160));
        assertThat(p.backoff(1, 0.999999)).isBetween(Duration.ofMillis(239), Duration.ofMillis(240));
    }
}
