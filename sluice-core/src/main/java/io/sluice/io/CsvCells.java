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
        int length = end - start;
        if (length == 0) {
            return "";
        }
        int c = column < 0 ? field : column;
        if (length > MAX_CACHED_LENGTH || c >= off.length || off[c]) {
            return new String(b, start, length, StandardCharsets.UTF_8);
        }
        return cached(b, start, end, c);
    }

    private String cached(byte[] b, int start, int end, int column) {
        String[] table = strings[column];
        byte[][] tableKeys = keys[column];
        if (table == null) {
            table = strings[column] = new String[TABLE_SIZE];
            tableKeys = keys[column] = new byte[TABLE_SIZE][];
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (TABLE_SIZE - 1);
        byte[] key = tableKeys[slot];
        int seen = ++lookups[column];
        if (key != null && Arrays.equals(key, 0, key.length, b, start, end)) {
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

    /**
     * Plain integer digits, an optional sign first, at most {@code maxDigits} of them (18 for a
     * {@code long}, 9 for an {@code int}: no overflow possible), into {@code out[slot]}.
     */
    static boolean parseLong(byte[] b, int start, int end, int maxDigits, long[] out, int slot) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int digits = end - i;
        if (digits <= 0 || digits > maxDigits) {
            return false;
        }
        long value = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            value = value * 10 + d;
        }
        out[slot] = negative ? -value : value;
        return true;
    }

    /**
     * A double into {@code out[slot]}, parsed by FastDoubleParser from the bytes: the parser and
     * so the syntax and the value of the text path ({@code Converters.parseDouble}, Jackson's copy
     * of the same parser), without a {@code String} first. Non-ASCII bytes are refused.
     */
    static boolean parseDouble(byte[] b, int start, int end, double[] out, int slot) {
        if (start == end) {
            return false;
        }
        try {
            out[slot] = JavaDoubleParser.parseDouble(b, start, end - start);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
