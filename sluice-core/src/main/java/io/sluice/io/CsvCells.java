package io.sluice.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of CSV fields into values for {@link CsvFastLoad}, without a {@code String} in
 * between for numbers: {@code long} and {@code int} from plain digits, {@code double} by
 * FastDoubleParser (the parser the text path uses through Jackson, so the values are the same to
 * the last bit). Anything else — a blank, a sign alone, {@code 1e3} for a long — is refused here
 * ({@code false}), and the row takes the text path, which accepts it or explains it.
 *
 * <p><b>Repeated text.</b> Short texts are looked up in a small table per column, so a column of
 * a few distinct values (categories, codes, flags) holds one {@code String} per value instead of
 * one per row — the difference between 48 and 96 bytes a row for the benchmark file. A column
 * whose values rarely repeat stops using its table after a few thousand rows. One instance per
 * thread: the tables are not shared.
 */
final class CsvCells {
    private static final int MAX_CACHED_LENGTH = 32;
    private static final int TABLE_SIZE = 512;
    private static final int PROBATION = 4096;

    private final String[][] strings;
    private final byte[][][] keys;
    private final int[] lookups;
    private final int[] hits;
    private final boolean[] off;
    private final byte quote;
    private byte[] scratch = new byte[64];
    private final PlainDecimals decimals = new PlainDecimals();

    /** Tables for {@code columns} columns (the file's), for fields quoted with {@code quote}. */
    CsvCells(int columns, char quote) {
        this.quote = (byte) quote;
        strings = new String[columns][];
        keys = new byte[columns][][];
        lookups = new int[columns];
        hits = new int[columns];
        off = new boolean[columns];
    }

    /**
     * The text of field {@code field} of the scanner's record, its doubled quotes made single;
     * {@code column} picks the table of repeated values ({@code -1}: the field's index).
     */
    String text(CsvScanner scanner, int field, int column) {
        byte[] b = scanner.buffer();
        int start = scanner.start(field);
        int end = scanner.end(field);
        if (scanner.escaped(field)) {
            int n = unescape(b, start, end);
            return new String(scratch, 0, n, StandardCharsets.UTF_8);
        }
        int c = column < 0 ? field : column;
        int h = 0;
        if (end - start <= MAX_CACHED_LENGTH) {
            for (int i = start; i < end; i++) {
                h = 31 * h + b[i];
            }
        }
        return text(b, start, end, h, c);
    }

    /**
     * The text of the unquoted bytes {@code [start, end)} of file column {@code column}, whose
     * hash the caller computed while scanning them: {@code h = 31 * h + b[i]} from 0 over the
     * bytes (any value when they are longer than {@value #MAX_CACHED_LENGTH} bytes).
     */
    String text(byte[] b, int start, int end, int hash, int column) {
        int length = end - start;
        if (length == 0) {
            return "";
        }
        if (length > MAX_CACHED_LENGTH || column >= off.length || off[column]) {
            return new String(b, start, length, StandardCharsets.UTF_8);
        }
        return cached(b, start, end, hash, column);
    }

    private String cached(byte[] b, int start, int end, int h, int column) {
        String[] table = strings[column];
        byte[][] tableKeys = keys[column];
        if (table == null) {
            table = strings[column] = new String[TABLE_SIZE];
            tableKeys = keys[column] = new byte[TABLE_SIZE][];
        }
        int slot = (h ^ (h >>> 16)) & (TABLE_SIZE - 1);
        byte[] key = tableKeys[slot];
        int seen = ++lookups[column];
        if (key != null && sameBytes(key, b, start, end)) {
            hits[column]++;
            return table[slot];
        }
        if (seen == PROBATION && hits[column] < PROBATION / 4) {
            off[column] = true; // mostly distinct values: the table costs more than it saves
            strings[column] = null;
            keys[column] = null;
        } else {
            tableKeys[slot] = Arrays.copyOfRange(b, start, end);
            table[slot] = new String(b, start, end - start, StandardCharsets.UTF_8);
            return table[slot];
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /** {@code Arrays.equals} for the few bytes of a table key, without the call into its vectorised loop. */
    private static boolean sameBytes(byte[] key, byte[] b, int start, int end) {
        if (key.length != end - start) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != b[start + i]) {
                return false;
            }
        }
        return true;
    }

    private int unescape(byte[] b, int start, int end) {
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, scratch.length * 2)];
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            scratch[n++] = c;
            if (c == quote && i + 1 < end && b[i + 1] == quote) {
                i++;
            }
        }
        return n;
    }

    /** The reader of plain decimal numbers this instance uses. */
    PlainDecimals decimals() {
        return decimals;
    }

    /**
     * Plain integer digits, an optional sign first, at most {@code maxDigits} of them (18 for a
     * {@code long}, 9 for an {@code int}: no overflow possible), into {@code out[slot]}.
     */
    static boolean parseLong(byte[] b, int start, int end, int maxDigits, long[] out, int slot) {
        return PlainDecimals.scanLong(b, start, end, maxDigits, out, slot) == end;
    }

    /**
     * A double into {@code out[slot]}: plain decimal notation by {@link PlainDecimals}, anything
     * else by FastDoubleParser from the bytes — the parser and so the syntax and the value of the
     * text path ({@code Converters.parseDouble}, Jackson's copy of the same parser), without a
     * {@code String} first. Non-ASCII bytes are refused.
     */
    boolean parseDouble(byte[] b, int start, int end, double[] out, int slot) {
        if (start == end) {
            return false;
        }
        if (decimals.scanDouble(b, start, end, out, slot) == end) {
            return true;
        }
        try {
            out[slot] = JavaDoubleParser.parseDouble(b, start, end - start);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
