package io.sluice.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Numbers in plain decimal notation read from bytes in one pass, for {@link CsvFastLoad}: the
 * scan finds where the number ends (the caller checks what follows it) and gives the value that
 * {@link Double#parseDouble} (and FastDoubleParser, the text path's parser) gives for the same
 * characters, to the last bit.
 *
 * <p><b>Doubles.</b> Plain notation is {@code [+-]digits[.digits][(e|E)[+-]digits]}, the digits
 * before or after the point may be missing but not both ({@code .5}, {@code 5.}). When the digits
 * read as an integer {@code m ≤ 2^53} and the decimal exponent {@code e} (the written one less the
 * digits after the point) lies in {@code [-22, 22]}, both {@code m} and {@code 10^|e|} are exact
 * doubles and one IEEE multiplication or division gives the correctly rounded value — Clinger's
 * fast path, the first step of every correct decimal parser. Other plain numbers of at most 19
 * significant digits (the 17 digits {@link Double#toString} often writes) take the
 * {@linkplain EiselLemire Eisel-Lemire} step, FastDoubleParser's own; what neither decides (more
 * digits, subnormal or overflowing values, the rare product too close to call) goes to
 * FastDoubleParser, which rounds correctly as well.
 * Anything else — blanks, {@code NaN}, {@code Infinity}, hexadecimal, a {@code d} suffix — is
 * not plain: the scan says so and the caller leaves the cell to the general path.
 *
 * <p>Digits are read eight at a time where eight are there (one {@code long} read and three
 * multiplications instead of eight steps).
 *
 * <p>An instance holds the table of exact powers of ten (an instance field, not a static one: the
 * project keeps no mutable arrays in static fields); it is immutable and may be shared.
 */
final class PlainDecimals {
    /** Eight bytes of a {@code byte[]} at any index as one {@code long}, the first byte lowest. */
    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** The scan did not find a plain number. */
    static final int NOT_PLAIN = -1;

    private static final long MAX_EXACT = 1L << 53;
    /** Significant digits that fit an unsigned 64-bit accumulator exactly: 19 (10^19 - 1 < 2^64). */
    private static final int MAX_EXACT_DIGITS = 19;
    private static final int MAX_FAST_POWER = 22;
    /** {@code 10^k} for {@code k ≤ 22}: every one an exact double (5^22 < 2^53). */
    private final double[] powersOfTen = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    };
    /** Larger written exponents stop accumulating: the value goes to FastDoubleParser anyway. */
    private static final int EXPONENT_CAP = 100_000;


    /**
     * Reads a plain double starting at {@code b[i]} (stopping before {@code limit}) into
     * {@code out[slot]}.
     *
     * @return the index of the first byte after the number, or {@link #NOT_PLAIN} (then
     *         {@code out[slot]} is unchanged)
     */
    int scanDouble(byte[] b, int i, int limit, double[] out, int slot) {
        int start = i;
        boolean negative = false;
        if (i < limit && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int integer = i;
        while (i < limit && b[i] == '0') {
            i++; // leading zeros: digits, but not significant ones
        }
        long m = 0;
        int significant = i;
        int d;
        while (i + 8 <= limit) {
            long eight = (long) LITTLE_ENDIAN_LONGS.get(b, i);
            if (!eightDigits(eight)) {
                break;
            }
            m = m * 100_000_000 + valueOfEightDigits(eight); // wraps past 19 digits: then unused (see below)
            i += 8;
        }
        while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
            m = m * 10 + d;
            i++;
        }
        int digits = i - integer;
        significant = i - significant;
        int fraction = 0;
        if (i < limit && b[i] == '.') {
            i++;
            int point = i;
            if (significant == 0) {
                while (i < limit && b[i] == '0') {
                    i++;
                }
            }
            int first = i;
            while (i + 8 <= limit) {
                long eight = (long) LITTLE_ENDIAN_LONGS.get(b, i);
                if (!eightDigits(eight)) {
                    break;
                }
                m = m * 100_000_000 + valueOfEightDigits(eight);
                i += 8;
            }
            while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
                m = m * 10 + d;
                i++;
            }
            fraction = i - point;
            digits += fraction;
            significant += i - first;
        }
        if (digits == 0) {
            return NOT_PLAIN;
        }
        int exponent = 0;
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < limit && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = i;
            while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
                if (exponent < EXPONENT_CAP) {
                    exponent = exponent * 10 + d;
                }
                i++;
            }
            if (i == e) {
                return NOT_PLAIN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int power = exponent - fraction;
        if (significant <= MAX_EXACT_DIGITS) {
            // m is the digits as an unsigned 64-bit integer (below 10^19 < 2^64)
            if (m >= 0 && m <= MAX_EXACT && power >= -MAX_FAST_POWER && power <= MAX_FAST_POWER) {
                double v = power < 0 ? m / powersOfTen[-power] : m * powersOfTen[power];
                out[slot] = negative ? -v : v;
                return i;
            }
            if (m != 0) {
                long bits = EiselLemire.bits(m, power);
                if (bits >= 0) {
                    out[slot] = Double.longBitsToDouble(negative ? bits | Long.MIN_VALUE : bits);
                    return i;
                }
            }
        }
        try {
            out[slot] = JavaDoubleParser.parseDouble(b, start, i - start);
            return i;
        } catch (NumberFormatException e) {
            return NOT_PLAIN; // not expected for plain notation; the general path decides
        }
    }

    /** Whether the eight bytes of {@code v} are all ASCII digits. */
    private static boolean eightDigits(long v) {
        return (v & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L
                && ((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) == 0x3030303030303030L;
    }

    /**
     * The number eight ASCII digits spell, the first in the lowest byte of {@code v}: pairs, then
     * pairs of pairs, each step one multiplication (D. Lemire, "Quickly parsing eight digits").
     */
    private static long valueOfEightDigits(long v) {
        v -= 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        return ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }

    /**
     * Reads plain integer digits starting at {@code b[i]}, an optional sign first, at most
     * {@code maxDigits} of them (18 for a {@code long}, 9 for an {@code int}: no overflow
     * possible), into {@code out[slot]}.
     *
     * @return the index of the first byte after the digits, or {@link #NOT_PLAIN} (no digits, or
     *         too many)
     */
    static int scanLong(byte[] b, int i, int limit, int maxDigits, long[] out, int slot) {
        boolean negative = false;
        if (i < limit && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int first = i;
        long value = 0;
        int d;
        while (i < limit && (d = b[i] - '0') >= 0 && d <= 9) {
            value = value * 10 + d;
            i++;
        }
        int digits = i - first;
        if (digits == 0 || digits > maxDigits) {
            return NOT_PLAIN;
        }
        out[slot] = negative ? -value : value;
        return i;
    }
}
