package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast double parser must agree with Double.parseDouble bit for bit. */
class DoubleParsingTest {
    @Test
    void agreesWithTheJdkOnSeededRandomValuesInEveryNotation() {
        Random random = new Random(20261122);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * 1e6;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(100_000) / 100.0;
            };
            if (Double.isNaN(d)) {
                continue;
            }
            String text = i % 3 == 0 ? Double.toString(d) : String.format("%.6e", d);
            assertThat(Double.doubleToLongBits(Converters.parseDouble(text)))
                    .as(text).isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1.5 ", "-0", "1e308", "4.9e-324", "NaN", "Infinity", "-Infinity", "0x1p3", "1_0"})
    void handlesTheSameSpecialTextsAsTheJdk(String text) {
        Double expected;
        try {
            expected = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            assertThatThrownBy(() -> Converters.parseDouble(text)).isInstanceOf(NumberFormatException.class);
            return;
        }
        assertThat(Converters.parseDouble(text)).isEqualTo(expected);
    }
}
