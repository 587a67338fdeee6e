package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte path's own number reading gives {@link Double#parseDouble}'s value to the last bit
 * (and FastDoubleParser's, the text path's parser), or says the text is not plain; seeded random
 * numbers of every shape, and the edges of each of its steps.
 */
class PlainDecimalsTest {
    private final PlainDecimals decimals = new PlainDecimals();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomDecimalsReadAsDoubleParseDoubleReadsThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 50_000; n++) {
            assertSameAsJava(randomDecimal(random));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void doublesWrittenByJavaReadBackBitForBit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 50_000; n++) {
            double v = switch (n % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any bits: subnormal, huge, NaN
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                case 2 -> random.nextDouble();
                default -> (float) random.nextDouble() * 1000;
            };
            String text = Double.toString(v);
            if (Double.isFinite(v)) {
                assertSameAsJava(text);
                assertSameAsJava(new java.math.BigDecimal(text).toPlainString());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void theEiselLemireStepIsRightWheneverItAnswers(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int answered = 0;
        for (int n = 0; n < 100_000; n++) {
            long w = switch (n % 3) {
                case 0 -> random.nextLong(); // any 64 bits, read unsigned
                case 1 -> random.nextLong(1, 100_000_000_000_000_000L);
                // halfway between two doubles: 54 significant bits, the last one set
                default -> (((1L << 52) | random.nextLong(1L << 52)) << 1 | 1) << random.nextInt(11);
            };
            int q = n % 2 == 0 ? random.nextInt(-30, 31) : random.nextInt(EiselLemire.MIN_POWER, EiselLemire.MAX_POWER + 1);
            if (w == 0) {
                continue;
            }
            long bits = EiselLemire.bits(w, q);
            if (bits >= 0) {
                answered++;
                String text = Long.toUnsignedString(w) + "e" + q;
                assertThat(Long.toHexString(bits)).as(text)
                        .isEqualTo(Long.toHexString(Double.doubleToRawLongBits(Double.parseDouble(text))));
            }
        }
        assertThat(answered).as("answers (the rest go to FastDoubleParser)").isGreaterThan(80_000);
    }

    @Test
    void edgesOfEachStepReadAsJavaReadsThem() {
        for (String text : List.of("0", "-0", "+0", "0.0", "-0.0", "0e0", "-0e-5", "0e400", "1", "-1", "+1", "5.", ".5",
                "-.5", "+.5e1", "1e22", "1e23", "1e-22", "1e-23", "9007199254740992", "9007199254740993",
                "9007199254740995", "-9007199254740993", "18014398509481986", "18014398509481990",
                "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
                "99999999999999999999", "0.1", "0.2", "0.30000000000000004", "2.2250738585072014E-308",
                "2.2250738585072011E-308", "4.9E-324", "2.4703282292062328E-324", "1.7976931348623157E308",
                "1.7976931348623159E308", "1e308", "1e309", "1e-400", "123456789012345678901234567890.5e-3",
                "0.000000000000000000000000000001234567890123456789", "000123.4500", "1E+7", "1e0000000000000000005",
                "7.2057594037927933E16", "3.0517578125E-5", "8.988465674311579E307", "0.0012345678901234567",
                "1448997445238699", "1.448997445238699E15", "4.35679104e-10", "1.15e+2", "1.175494140627517859246e-38")) {
            assertSameAsJava(text);
        }
    }

    @Test
    void textThatIsNotPlainIsRefusedOrEndsTheNumber() {
        for (String text : List.of("", "-", "+", ".", "-.", "e5", ".e5", "1e", "1e+", "1E-", "NaN", "Infinity",
                "-Infinity", " 1", "\t1", "x")) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            double[] out = {42};
            assertThat(decimals.scanDouble(b, 0, b.length, out, 0)).as("'%s'", text).isEqualTo(PlainDecimals.NOT_PLAIN);
            assertThat(out[0]).isEqualTo(42);
        }
        // the number ends before what does not belong to it; the caller looks at what follows
        assertEnd("1.5x", 3, 1.5);
        assertEnd("1.5d", 3, 1.5);
        assertEnd("0x1p3", 1, 0);
        assertEnd("12,3", 2, 12);
        assertEnd("1e5e5", 3, 1e5);
        assertEnd("1..5", 2, 1);
        assertEnd("-7\n", 2, -7);
        // eight bytes read at once: a byte just outside the digits ends the number where it is
        assertEnd("1234567:99", 7, 1234567);
        assertEnd("12345678/1", 8, 12345678);
        assertEnd("0.12345678@", 10, 0.12345678);
        assertEnd("87654321.1234567\u007f", 16, 87654321.1234567);
    }

    @Test
    void longsTakeDigitsUpToTheirLimitAndASignFirst() {
        long[] out = new long[1];
        assertThat(scanLong("123456789012345678", 18, out)).isEqualTo(18);
        assertThat(out[0]).isEqualTo(123456789012345678L);
        assertThat(scanLong("-123456789012345678,", 18, out)).isEqualTo(19);
        assertThat(out[0]).isEqualTo(-123456789012345678L);
        assertThat(scanLong("+007", 18, out)).isEqualTo(4);
        assertThat(out[0]).isEqualTo(7);
        assertThat(scanLong("1234567890123456789", 18, out)).isEqualTo(PlainDecimals.NOT_PLAIN);
        assertThat(scanLong("1234567890", 9, out)).isEqualTo(PlainDecimals.NOT_PLAIN);
        assertThat(scanLong("-", 18, out)).isEqualTo(PlainDecimals.NOT_PLAIN);
        assertThat(scanLong("", 18, out)).isEqualTo(PlainDecimals.NOT_PLAIN);
        assertThat(scanLong("x1", 18, out)).isEqualTo(PlainDecimals.NOT_PLAIN);
        assertThat(scanLong("12.5", 18, out)).isEqualTo(2);
    }

    @Test
    void thePowersOfFiveAreFastDoubleParsersTable() throws Exception {
        Class<?> math = Class.forName("ch.randelshofer.fastdoubleparser.FastDoubleMath");
        long[] high = (long[]) field(math, "MANTISSA_64");
        long[] low = (long[]) field(math, "MANTISSA_128");
        assertThat((int) field(math, "DOUBLE_MIN_EXPONENT_POWER_OF_TEN")).isEqualTo(EiselLemire.MIN_POWER);
        LongBuffer ours = EiselLemire.table();
        assertThat(ours.capacity()).isEqualTo(2 * high.length);
        for (int i = 0; i < high.length; i++) {
            int q = EiselLemire.MIN_POWER + i;
            // q in [-27, -1]: fast_float's table (and the script that generates it, which this
            // follows) holds 2^b / 5^-q rounded up, exact enough for 64-bit digits; FastDoubleParser's
            // holds it rounded down, one less in the last bit
            long lowFdp = q >= -27 && q < 0 ? low[i] + 1 : low[i];
            assertThat(new long[] {ours.get(2 * i), ours.get(2 * i + 1)}).as("q = %d", q)
                    .containsExactly(high[i], lowFdp);
            if (q >= -27 && q < 0) {
                BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                BigInteger entry = new BigInteger(Long.toUnsignedString(ours.get(2 * i))).shiftLeft(64)
                        .or(new BigInteger(Long.toUnsignedString(ours.get(2 * i + 1))));
                BigInteger twoB = BigInteger.ONE.shiftLeft(power5.bitLength() + 127);
                assertThat(entry).as("q = %d: 2^b / 5^-q rounded up", q)
                        .isEqualTo(twoB.divide(power5).add(BigInteger.ONE));
            }
        }
        // computed again as fast_float's script computes it
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = EiselLemire.MIN_POWER; q <= EiselLemire.MAX_POWER; q++) {
            BigInteger c;
            if (q >= 0) {
                c = BigInteger.valueOf(5).pow(q);
                while (c.compareTo(two128.shiftRight(1)) < 0) {
                    c = c.shiftLeft(1);
                }
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                int z = power5.bitLength(); // the least z with 2^z >= 5^-q (5^-q is no power of two)
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            }
            int i = 2 * (q - EiselLemire.MIN_POWER);
            assertThat(new long[] {ours.get(i), ours.get(i + 1)}).as("q = %d", q)
                    .containsExactly(c.shiftRight(64).longValue(), c.longValue());
        }
        BigInteger five27 = BigInteger.valueOf(5).pow(27);
        // and, independently of it, 5^27 (the largest power of five in 64 bits) normalised to 128 bits
        BigInteger normal = five27.shiftLeft(128 - five27.bitLength());
        assertThat(ours.get(2 * (27 - EiselLemire.MIN_POWER))).isEqualTo(normal.shiftRight(64).longValue());
    }

    // --- helpers -------------------------------------------------------------------------

    private void assertSameAsJava(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        double[] out = new double[1];
        int end = decimals.scanDouble(b, 0, b.length, out, 0);
        assertThat(end).as("'%s' is plain and read whole", text).isEqualTo(b.length);
        long expected = Double.doubleToRawLongBits(Double.parseDouble(text));
        assertThat(Long.toHexString(Double.doubleToRawLongBits(out[0]))).as("'%s'", text)
                .isEqualTo(Long.toHexString(expected));
        assertThat(Double.doubleToRawLongBits(JavaDoubleParser.parseDouble(b, 0, b.length))).as("FastDoubleParser agrees")
                .isEqualTo(expected);
        // with bytes after it and before it, as in a record
        byte[] framed = ("x," + text + ",y").getBytes(StandardCharsets.US_ASCII);
        assertThat(decimals.scanDouble(framed, 2, framed.length, out, 0)).isEqualTo(2 + b.length);
        assertThat(Double.doubleToRawLongBits(out[0])).isEqualTo(expected);
    }

    private void assertEnd(String text, int end, double value) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        double[] out = new double[1];
        assertThat(decimals.scanDouble(b, 0, b.length, out, 0)).as(text).isEqualTo(end);
        assertThat(out[0]).isEqualTo(value);
    }

    private static int scanLong(String text, int maxDigits, long[] out) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return PlainDecimals.scanLong(b, 0, b.length, maxDigits, out, 0);
    }

    private static Object field(Class<?> type, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    /** Plain notation of random shape: 1-25 digits, leading zeros, a point anywhere or none, an exponent or none. */
    private static String randomDecimal(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> s.append('-');
            case 1 -> s.append('+');
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            s.append("0".repeat(random.nextInt(1, 4)));
        }
        int digits = random.nextInt(1, 26);
        for (int i = 0; i < digits; i++) {
            s.append((char) ('0' + random.nextInt(i == 0 ? 1 : 0, 10)));
        }
        if (random.nextInt(3) > 0) {
            int point = random.nextInt(s.length() + 1);
            while (point < s.length() && (s.charAt(point) == '-' || s.charAt(point) == '+')) {
                point++;
            }
            s.insert(point, '.');
            if (s.toString().matches("[-+]?\\.")) {
                s.append('5');
            }
        }
        if (random.nextInt(3) == 0) {
            s.append(random.nextBoolean() ? 'e' : 'E');
            int exponent = random.nextInt(3) == 0 ? random.nextInt(-400, 400) : random.nextInt(-30, 30);
            s.append(exponent >= 0 && random.nextBoolean() ? "+" : "").append(exponent);
        }
        return s.toString();
    }
}
