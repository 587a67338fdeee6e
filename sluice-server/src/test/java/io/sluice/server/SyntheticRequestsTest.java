package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.Pipeline;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic warm-up bodies: accepted by the strict request binding for every kind of declared type. */
class SyntheticRequestsTest {
    @TempDir
    Path dir;

    enum Color { RED, GREEN, BLUE }

    record Part(String name, Color color, Part spare) {
    }

    record Everything(int i, long l, short s, byte b, double d, float f, boolean flag, char c, String text,
                      BigDecimal decimal, BigInteger big, Color color, LocalDate date, LocalDateTime dateTime,
                      LocalTime time, Instant instant, OffsetDateTime offset, ZonedDateTime zoned, Duration duration,
                      UUID uuid, URI uri, List<Part> parts, Map<String, Integer> counts, Map<Color, List<Double>> byColor,
                      Set<Color> colors, int[] numbers, Integer boxed) {
    }

    static int everything(Everything e, List<LocalDate> dates, Map<String, Part> parts) {
        return e.i();
    }

    static int anything(Object o) {
        return 1;
    }

    static int runnable(Runnable r) {
        return 1;
    }

    private Session session() {
        TestServer.write(dir, Map.of());
        return Session.compile(new TestServer.TestProject(Map.of(
                "everything", Pipeline.of(node(SyntheticRequestsTest::everything).inputs("e", "dates", "parts")
                        .outputs("i").name("everything")),
                "anything", Pipeline.of(node(SyntheticRequestsTest::anything).inputs("o").outputs("one").name("any")),
                "runnable", Pipeline.of(node(SyntheticRequestsTest::runnable).inputs("r").outputs("two").name("run")))),
                new SessionOptions(dir, "local", Map.of()));
    }

    private static PipelineApi api(Session session, String name) {
        return new PipelineApi(session.describe(name), session.pipeline(name),
                new IoThreadBudget(name, Duration.ofMillis(1), 1), java.util.List.of(), java.util.List.of("model"),
                new RunMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), name));
    }

    @Test
    void everyBodyBindsToTheDeclaredTypesVariesAndFollowsTheSeed() throws Exception {
        try (Session session = session()) {
            PipelineApi api = api(session, "everything");

            List<byte[]> bodies = SyntheticRequests.bodies(session.describe("everything"), 100, 3);

            for (byte[] body : bodies) {
                PipelineApi.Parsed parsed = api.parse(body);
                assertThat(parsed.inputs()).containsOnlyKeys("e", "dates", "parts");
                assertThat(parsed.inputs().get("e")).isInstanceOf(Everything.class);
            }
            assertThat(bodies.stream().map(b -> new String(b, StandardCharsets.UTF_8)).distinct()).hasSize(100);
            assertThat(SyntheticRequests.bodies(session.describe("everything"), 100, 3))
                    .as("same seed, same bodies").zipSatisfy(bodies, (a, b) -> assertThat(a).isEqualTo(b));
            assertThat(SyntheticRequests.bodies(session.describe("everything"), 1, 4).get(0))
                    .as("another seed, other bodies").isNotEqualTo(bodies.get(0));
        }
    }

    @Test
    void aTypeNothingReliableCanBeMadeOfIsRefusedNamingTheInput() {
        try (Session session = session()) {
            assertThatThrownBy(() -> SyntheticRequests.bodies(session.describe("anything"), 1, 1))
                    .isInstanceOf(SyntheticRequests.Unsupported.class)
                    .hasMessage("input 'o' is declared as java.lang.Object, of which no value can be made up");
            assertThatThrownBy(() -> SyntheticRequests.bodies(session.describe("runnable"), 1, 1))
                    .hasMessage("input 'r' is declared as java.lang.Runnable, of which no value can be made up");
        }
    }
}
