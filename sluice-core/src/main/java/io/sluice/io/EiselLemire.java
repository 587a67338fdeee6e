package io.sluice.io;

import java.math.BigInteger;
import java.nio.LongBuffer;

/**
 * The Eisel-Lemire step of decimal to double conversion (D. Lemire, "Number Parsing at a Gigabyte
 * per Second", Software: Practice and Experience 51(8), 2021; the algorithm of fast_float and of
 * FastDoubleParser): {@code w × 10^q} for a 64-bit {@code w} is found from one or two 64×64-bit
 * products with a 128-bit truncation of {@code 5^q}, and is the correctly rounded double
 * whenever the step gives an answer. When the truncation leaves the result in doubt, or the value
 * is subnormal or overflows, the step gives no answer and the caller uses a complete parser.
 *
 * <p>The table of powers of five is computed once per process from {@link BigInteger}s as
 * fast_float's script makes it (for {@code q ≥ 0} the leading 128 bits of {@code 5^q}; for
 * {@code q < 0} those of {@code 2^b / 5^-q}, rounded up), for {@code q} in [-325, 308], the range
 * FastDoubleParser's table covers; {@code PlainDecimalsTest} checks it against that table.
 */
final class EiselLemire {
    static final int MIN_POWER = -325;
    static final int MAX_POWER = 308;

    private EiselLemire() {
    }

    /**
     * The bits of the double nearest to {@code w × 10^q} (ties to even), {@code w} read as an
     * unsigned 64-bit integer, not 0; or {@code -1} when this step cannot tell (the caller then
     * asks a complete parser). The sign bit is never set.
     */
    static long bits(long w, int q) {
        if (q < MIN_POWER || q > MAX_POWER || w == 0) {
            return -1;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        w <<= leadingZeros;
        int index = 2 * (q - MIN_POWER);
        LongBuffer table = Powers.TABLE;
        long high5 = table.get(index);
        long lo = w * high5;
        long hi = unsignedMultiplyHigh(w, high5);
        if ((hi & 0x1FF) == 0x1FF) {
            long second = unsignedMultiplyHigh(w, table.get(index + 1));
            long sum = lo + second;
            if (Long.compareUnsigned(second, sum) > 0) {
                hi++;
            }
            lo = sum;
        }
        if (lo == -1L && (q < -27 || q > 55)) {
            return -1; // the 128-bit truncation may not decide: the complete parser does
        }
        int upper = (int) (hi >>> 63);
        int shift = upper + 9;
        long mantissa = hi >>> shift;
        int power2 = ((217706 * q) >> 16) + 63 + upper - leadingZeros + 1023;
        if (power2 <= 0) {
            return -1; // subnormal
        }
        if ((lo == 0 || lo == 1) && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << shift) == hi) {
            mantissa &= ~1L; // exactly halfway between two doubles: round to even, not up
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return -1; // overflows to infinity
        }
        return mantissa | (long) power2 << 52;
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 17 has only the signed one). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The 128-bit powers of five: {@code [2i]} the high half, {@code [2i + 1]} the low, {@code q = MIN_POWER + i}. */
    static LongBuffer table() {
        return Powers.TABLE;
    }

    /** Built on first use: a load whose numbers never need it does not pay for it. */
    private static final class Powers {
        static final LongBuffer TABLE = build().asReadOnlyBuffer();

        private static LongBuffer build() {
            long[] table = new long[2 * (MAX_POWER - MIN_POWER + 1)];
            BigInteger two128 = BigInteger.ONE.shiftLeft(128);
            BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            for (int q = MIN_POWER; q <= MAX_POWER; q++) {
                BigInteger c;
                if (q >= 0) {
                    c = BigInteger.valueOf(5).pow(q);
                    int bits = c.bitLength();
                    c = bits < 128 ? c.shiftLeft(128 - bits) : c.shiftRight(bits - 128);
                } else {
                    BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                    int z = power5.bitLength(); // the least z with 2^z >= 5^-q (no power of five is one of two)
                    int b = q >= -27 ? z + 127 : 2 * z + 128;
                    c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                    while (c.compareTo(two128) >= 0) {
                        c = c.shiftRight(1);
                    }
                }
                int i = 2 * (q - MIN_POWER);
                table[i] = c.shiftRight(64).longValue();
                table[i + 1] = c.and(mask).longValue();
            }
            return LongBuffer.wrap(table);
        }
    }
}
