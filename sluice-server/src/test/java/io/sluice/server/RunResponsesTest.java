package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written body of a successful run is byte for byte what Jackson writes; neither writes
 * NaN or an infinity, which JSON cannot carry.
 */
class RunResponsesTest {
    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void scalarOutputsAreWrittenByHandExactlyAsJacksonWritesThem() throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("receipt", "7:12.6");
        outputs.put("count", 3);
        outputs.put("big", 3_000_000_000L);
        outputs.put("price", 2545.7236328125);
        outputs.put("tiny", 1.0E-10);
        outputs.put("ok", true);
        outputs.put("none", null);
        outputs.put("quote\"d", "tab\there \\ \"q\" \u0001 é 日本 \n");

        byte[] fast = RunResponses.scalars("2026-11-22T06.00.00.000Z-0000abcd", outputs);

        assertThat(fast).isNotNull();
        assertThat(text(fast)).isEqualTo(text(RunResponses.jackson("2026-11-22T06.00.00.000Z-0000abcd", outputs)));
    }

    @Test
    void otherValuesAreLeftToJackson() throws Exception {
        for (Object value : List.of(List.of(1, 2), Map.of("a", 1), LocalDate.of(2026, 1, 2), 1.5f,
                new java.math.BigDecimal("1.50"), "lone \ud800 surrogate")) {
            Map<String, Object> outputs = Map.of("x", value);
            assertThat(RunResponses.scalars("r", outputs)).as(String.valueOf(value)).isNull();
            assertThat(RunResponses.body("r", outputs)).isEqualTo(RunResponses.jackson("r", outputs));
        }
    }

    /** The message refusing {@code outputs}, which must not be written. */
    private static String refusal(Map<String, Object> outputs) {
        assertThat(RunResponses.scalars("r", outputs)).isNull();
        return assertThatThrownBy(() -> RunResponses.body("r", outputs))
                .isInstanceOf(PipelineApi.OutputNotJsonException.class)
                .extracting(Throwable::getMessage).asString().actual();
    }

    @Test
    void aNonFiniteScalarIsRefusedNamingTheOutputAndTheValue() {
        assertThat(refusal(Map.of("price", Double.POSITIVE_INFINITY)))
                .isEqualTo("output 'price' holds a non-finite number (Infinity), which JSON cannot carry");
        assertThat(refusal(Map.of("ratio", Double.NaN)))
                .isEqualTo("output 'ratio' holds a non-finite number (NaN), which JSON cannot carry");
        assertThat(refusal(Map.of("f", Float.NEGATIVE_INFINITY)))
                .isEqualTo("output 'f' holds a non-finite number (-Infinity), which JSON cannot carry");
    }

    @Test
    void aNonFiniteNumberInsideAnOutputIsRefusedNamingWhereItIs() {
        assertThat(refusal(Map.of("scores", List.of(new Nodes.Score("a", 1.0), new Nodes.Score("b", Double.NaN)))))
                .isEqualTo("output 'scores' holds a non-finite number (NaN at scores[1].value), which JSON cannot carry");
        assertThat(refusal(Map.of("v", new double[] {1.0, 2.0, Double.NEGATIVE_INFINITY})))
                .isEqualTo("output 'v' holds a non-finite number (-Infinity at v[2]), which JSON cannot carry");
        assertThat(refusal(Map.of("m", Map.of("k", new float[] {Float.NaN}))))
                .isEqualTo("output 'm' holds a non-finite number (NaN at m.k[0]), which JSON cannot carry");
        assertThat(refusal(Map.of("tree", JsonNodeFactory.instance.arrayNode().add(1).add(Double.POSITIVE_INFINITY))))
                .isEqualTo("output 'tree' holds a non-finite number (Infinity at tree[1]), which JSON cannot carry");
    }

    @Test
    void finiteNumbersBesideTheRefusalsAreWrittenAsBefore() throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("v", new double[] {1.5, -0.0, Double.MAX_VALUE});
        outputs.put("scores", List.of(new Nodes.Score("a", 2.5)));

        assertThat(text(RunResponses.body("r", outputs))).isEqualTo("{\"run_id\":\"r\",\"outputs\":{\"v\":[1.5,-0.0,"
                + "1.7976931348623157E308],\"scores\":[{\"id\":\"a\",\"value\":2.5}]}}");
    }

    @Test
    void seededRandomScalarsMatchJackson() throws Exception {
        Random random = new Random(20261122L);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> outputs = new LinkedHashMap<>();
            for (int k = random.nextInt(4); k >= 0; k--) {
                outputs.put(randomString(random), switch (random.nextInt(6)) {
                    case 0 -> randomString(random);
                    case 1 -> random.nextInt();
                    case 2 -> random.nextLong();
                    case 3 -> random.nextBoolean();
                    case 4 -> Double.longBitsToDouble(random.nextLong());
                    default -> null;
                });
            }
            byte[] fast = RunResponses.scalars("id", outputs);
            if (fast != null) {
                assertThat(text(fast)).isEqualTo(text(RunResponses.jackson("id", outputs)));
            } else if (outputs.values().stream().anyMatch(v -> v instanceof Double d && !Double.isFinite(d))) {
                assertThatThrownBy(() -> RunResponses.jackson("id", outputs))
                        .isInstanceOf(PipelineApi.OutputNotJsonException.class);
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            b.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x20 + random.nextInt(0x60));
                case 2 -> (char) (0x80 + random.nextInt(0x780));
                case 3 -> "\"\\/".charAt(random.nextInt(3));
                default -> (char) (0x3000 + random.nextInt(0x1000));
            });
        }
        return b.toString();
    }
}
