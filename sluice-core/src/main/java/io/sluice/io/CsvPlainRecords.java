package io.sluice.io;

import java.util.Arrays;

/**
 * The common record of a CSV file read in one pass, for {@link CsvFastLoad}: each cell is parsed
 * into its component's value as its bytes are scanned, instead of finding the cells first
 * ({@link CsvScanner}) and reading them again.
 *
 * <p>It takes only records whose every cell is plain — no quotes anywhere; numbers as
 * {@link PlainDecimals} reads them; the record's width exactly the header's; the line break
 * within the bytes read so far — and says {@link #NOT_PLAIN} for any other, without having
 * changed anything the caller keeps: the caller then reads that record the general way
 * ({@link CsvScanner#next}), which handles the rest or leaves the file to FastCSV. So this class
 * decides nothing about what a file means; it is a shortcut for the records where there is
 * nothing to decide. Not used when the delimiter or the quote could be part of a number (a digit,
 * a letter, {@code + - .}), where scanning a number would read past it.
 */
final class CsvPlainRecords {
    /** The record was not read: read it the general way. */
    static final int NOT_PLAIN = -1;
    /** A file column no component reads: scanned over. */
    static final int SKIP = -1;

    private final byte delimiter;
    private final byte quote;
    /** Per file column: {@link RowMapper.Direct#LONG}, {@code INT}, {@code DOUBLE}, {@code TEXT} or {@link #SKIP}. */
    private final int[] kinds;
    /** Per file column: the component it feeds (its slot in the arrays below). */
    private final int[] slots;
    private final CsvCells cells;
    private final PlainDecimals decimals;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] texts;

    private CsvPlainRecords(byte delimiter, byte quote, int[] kinds, int[] slots, CsvCells cells, long[] longs, double[] doubles,
                            Object[] texts) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.kinds = kinds;
        this.slots = slots;
        this.cells = cells;
        this.decimals = cells.decimals();
        this.longs = longs;
        this.doubles = doubles;
        this.texts = texts;
    }

    /**
     * A reader of records {@code width} file columns wide whose component {@code i} is of kind
     * {@code componentKinds[i]} read from file column {@code fileColumns[i]}, into the arrays
     * given; {@code null} when one-pass reading does not apply (the delimiter or the quote could be
     * part of a number, or two components read one column).
     */
    static CsvPlainRecords of(char delimiter, char quote, int width, int[] componentKinds, int[] fileColumns, CsvCells cells,
                              long[] longs, double[] doubles, Object[] texts) {
        if (!outsideNumbers(delimiter) || !outsideNumbers(quote)) {
            return null;
        }
        int[] kinds = new int[width];
        int[] slots = new int[width];
        Arrays.fill(kinds, SKIP);
        for (int i = 0; i < componentKinds.length; i++) {
            int f = fileColumns[i];
            if (f < 0 || f >= width || kinds[f] != SKIP) {
                return null;
            }
            kinds[f] = componentKinds[i];
            slots[f] = i;
        }
        return new CsvPlainRecords((byte) delimiter, (byte) quote, kinds, slots, cells, longs, doubles, texts);
    }

    /** Whether {@code c} is an ASCII character that no plain number holds and that ends no line. */
    private static boolean outsideNumbers(char c) {
        return c < 0x80 && !Character.isLetterOrDigit(c) && c != '+' && c != '-' && c != '.' && c != '\n' && c != '\r';
    }

    /**
     * Reads the record starting at {@code b[from]}, looking no further than {@code limit}, into
     * the arrays.
     *
     * @return the index where the next record starts (after the line break: LF, CRLF or a CR
     *         followed by anything but LF), or {@link #NOT_PLAIN}
     */
    int read(byte[] b, int from, int limit) {
        byte d = delimiter;
        int last = kinds.length - 1;
        int i = from;
        for (int c = 0; ; c++) {
            int end;
            switch (kinds[c]) {
                case RowMapper.Direct.LONG -> end = PlainDecimals.scanLong(b, i, limit, 18, longs, slots[c]);
                case RowMapper.Direct.INT -> end = PlainDecimals.scanLong(b, i, limit, 9, longs, slots[c]);
                case RowMapper.Direct.DOUBLE -> end = decimals.scanDouble(b, i, limit, doubles, slots[c]);
                default -> end = text(b, i, limit, c);
            }
            if (end < 0 || end >= limit) {
                return NOT_PLAIN; // not plain, or the line break is not in the bytes read yet
            }
            byte t = b[end];
            if (c < last) {
                if (t != d) {
                    return NOT_PLAIN;
                }
                i = end + 1;
                continue;
            }
            if (last == 0 && end == from) {
                return NOT_PLAIN; // an empty line: skipped, not a record of one empty cell
            }
            if (t == '\n') {
                return end + 1;
            }
            if (t == '\r' && end + 1 < limit) {
                return b[end + 1] == '\n' ? end + 2 : end + 1;
            }
            return NOT_PLAIN; // more cells than the header's, a quote, or a CR at the end of the bytes read
        }
    }

    /** Scans a text cell (or a skipped one) to the byte that ends it; a quote in it ends the scan. */
    private int text(byte[] b, int i, int limit, int column) {
        byte d = delimiter;
        byte q = quote;
        int start = i;
        int h = 0;
        while (i < limit) {
            byte c = b[i];
            if (c == d || c == '\n' || c == '\r' || c == q) {
                break;
            }
            h = 31 * h + c;
            i++;
        }
        if (i < limit && kinds[column] != SKIP && b[i] != q) {
            texts[slots[column]] = cells.text(b, start, i, h, column);
        }
        return i;
    }
}
