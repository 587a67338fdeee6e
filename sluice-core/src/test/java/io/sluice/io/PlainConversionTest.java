package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The plain-tree conversion gives what {@code convertValue} gives: the same values, the same errors. */
class PlainConversionTest {
    record Options(double rate, int top, long big, boolean on, String name, List<String> tags, Inner inner) {
    }

    record Inner(Integer count, Double share) {
    }

    /** A POJO, bound by setters. */
    public static final class Bean {
        private List<Integer> sizes;
        private Map<String, Double> weights;

        public List<Integer> getSizes() {
            return sizes;
        }

        public void setSizes(List<Integer> sizes) {
            this.sizes = sizes;
        }

        public Map<String, Double> getWeights() {
            return weights;
        }

        public void setWeights(Map<String, Double> weights) {
            this.weights = weights;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bean b && java.util.Objects.equals(sizes, b.sizes)
                    && java.util.Objects.equals(weights, b.weights);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(sizes, weights);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static JavaType type(TypeReference<?> ref) {
        return Jackson.PARAMS.getTypeFactory().constructType(ref);
    }

    private static JavaType type(Class<?> c) {
        return Jackson.PARAMS.getTypeFactory().constructType(c);
    }

    static Stream<Arguments> cases() {
        Map<String, Object> options = map("rate", 0.2, "top", 3, "big", 5_000_000_000L, "on", true, "name", "eu",
                "tags", new ArrayList<>(List.of("a", "b")), "inner", map("count", 7, "share", 0.5));
        return Stream.of(
                Arguments.of(options, type(Options.class)),
                Arguments.of(map("rate", "0.2", "top", "3", "big", 1, "on", "true", "name", 12, "tags", List.of(),
                        "inner", null), type(Options.class)),
                Arguments.of(map("sizes", Arrays.asList(1, null, 3), "weights", map("x", 1.5, "y", 2)),
                        type(Bean.class)),
                Arguments.of(map("a", 1, "b", List.of(1.5, "x", true)), type(new TypeReference<Map<String, Object>>() {
                })),
                Arguments.of(List.of(1, 2, 3), type(new TypeReference<List<Long>>() {
                })),
                Arguments.of(List.of(1, 2, 3), type(int[].class)),
                Arguments.of("42", type(Integer.class)),
                Arguments.of(42, type(String.class)),
                Arguments.of(null, type(Options.class)),
                Arguments.of(null, type(int.class)),
                Arguments.of(0.25, type(BigDecimal.class)),
                Arguments.of("2026-01-02", type(LocalDate.class)),
                // errors: a misspelt field, a value of the wrong shape, a missing primitive
                Arguments.of(map("rate", 0.2, "tpo", 3), type(Options.class)),
                Arguments.of(map("rate", "high"), type(Options.class)),
                Arguments.of(map("rate", List.of(1)), type(Options.class)),
                Arguments.of(map("top", null), type(Options.class)),
                Arguments.of(map("inner", map("count", "many")), type(Options.class)),
                Arguments.of(List.of("x"), type(Options.class)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void givesWhatConvertValueGives(Object value, JavaType type) {
        assertThat(PlainConversion.plain(value)).isTrue();
        Object expected = null;
        Throwable expectedFailure = catchThrowable(() -> Jackson.PARAMS.convertValue(value, type));
        if (expectedFailure == null) {
            expected = Jackson.PARAMS.convertValue(value, type);
        }

        Object[] got = new Object[1];
        Throwable failure = catchThrowable(() -> got[0] = PlainConversion.convert(Jackson.PARAMS, value, type));

        if (expectedFailure == null) {
            assertThat(failure).isNull();
            assertThat(got[0]).isEqualTo(expected);
            if (expected != null && expected.getClass().isArray()) {
                assertThat(got[0]).isInstanceOf(expected.getClass());
            }
        } else {
            assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expectedFailure.getMessage());
            assertThat(failure.getCause()).isInstanceOf(expectedFailure.getCause().getClass())
                    .hasMessage(expectedFailure.getCause().getMessage());
        }
    }

    @Test
    void treesHoldingOtherValuesAreNotPlainAndStillConvert() {
        Map<String, Object> withDate = map("day", LocalDate.of(2026, 1, 2));
        Map<Object, Object> intKeys = new LinkedHashMap<>(Map.of(1, "one"));

        assertThat(PlainConversion.plain(withDate)).isFalse();
        assertThat(PlainConversion.plain(List.of(1.5f))).isFalse();
        assertThat(PlainConversion.plain(new BigDecimal("1.5"))).isFalse();
        assertThat(PlainConversion.plain(intKeys)).isFalse();
        JavaType anyMap = type(new TypeReference<Map<String, Object>>() {
        });
        assertThat(PlainConversion.convert(Jackson.PARAMS, withDate, anyMap))
                .isEqualTo(Jackson.PARAMS.convertValue(withDate, anyMap))
                .isEqualTo(Map.of("day", List.of(2026, 1, 2)));
        assertThat(PlainConversion.convert(Jackson.PARAMS, intKeys, type(new TypeReference<Map<String, String>>() {
        }))).isEqualTo(Map.of("1", "one"));
    }
}
