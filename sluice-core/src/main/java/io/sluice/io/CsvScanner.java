package io.sluice.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Finds the CSV records of one stretch of a UTF-8 file, for {@link CsvFastLoad}: the fields of
 * each record as byte ranges of a buffer, read from the file by position in blocks, so that
 * several scanners can read one file at once.
 *
 * <p>The syntax is FastCSV's as {@link CsvDataset} configures it, for the inputs this scanner
 * takes: fields separated by the delimiter, records ended by LF, CR or CRLF, a field in quotes may
 * hold delimiters, line breaks and doubled quotes (one quote each), empty lines are skipped. What
 * it does not take — a quote inside an unquoted field, text after a closing quote, a quote never
 * closed — is a {@link Unsupported}, and the load goes back to FastCSV, which decides. UTF-8 never
 * uses the bytes of these ASCII characters inside a multi-byte character, so splitting bytes is
 * splitting characters.
 *
 * <p><b>Stretches.</b> A scanner owns the bytes {@code [from, to)}: it checksums exactly those
 * (CRC32C, to be {@linkplain Crc32c#combine joined} with its neighbours') and yields the records
 * that start before {@code to}, reading past {@code to} to finish the last one. Unless it starts
 * the file, it guesses that its first record starts after the first line feed at or after
 * {@code from - 1}; the guess is wrong only when that line feed is inside quotes, which
 * {@link CsvFastLoad} detects by comparing the start with where the scanner before it stopped.
 */
final class CsvScanner {
    static final int BLOCK = 1 << 20;

    private static final int PARSED = 0;
    private static final int MORE = 1;
    private static final int SKIPPED = 2;
    private static final int END = 3;

    /** A record this scanner does not parse the way FastCSV would: the load falls back to FastCSV. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final FileChannel channel;
    private final long fileSize;
    private final byte delimiter;
    private final byte quote;
    private final long to;
    private final CRC32C crc;
    private long crcPosition;

    private byte[] buffer;
    /** File offset of {@code buffer[0]}. */
    private long base;
    private int limit;
    private int position;
    private boolean endOfFile;

    private int fields;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escaped = new boolean[16];
    private long recordStart = -1;

    /**
     * A scanner of {@code [from, to)}; with {@code checksum}, it checksums those bytes.
     *
     * @param firstRecord the file offset of the first record when known (the start of the file,
     *                    after a byte order mark, or a confirmed boundary), or -1 to guess it
     */
    CsvScanner(FileChannel channel, long fileSize, char delimiter, char quote, long from, long to, long firstRecord,
               boolean checksum) throws IOException {
        this.channel = channel;
        this.fileSize = fileSize;
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
        this.to = to;
        this.crc = checksum ? new CRC32C() : null;
        this.crcPosition = from;
        this.buffer = new byte[(int) Math.min(BLOCK, Math.max(fileSize - from + 1, 64))];
        if (firstRecord >= 0) {
            if (firstRecord < from || firstRecord - from > 16) {
                throw new IllegalArgumentException("first record " + firstRecord + " outside [" + from + ", " + to + ")");
            }
            this.base = from;
            fill();
            this.position = (int) Math.min(firstRecord - from, limit);
            this.recordStart = firstRecord;
        } else {
            this.base = Math.max(0, from - 1);
            fill();
            findFirstRecord();
        }
    }

    /** The file offset of the first record of this stretch (the guessed one, unless told). */
    long firstRecordStart() {
        return recordStart;
    }

    /**
     * Moves to the next record that starts before the end of the stretch.
     *
     * @return false when there is none: {@link #stopOffset()} is then where the next stretch starts
     */
    boolean next() throws IOException, Unsupported {
        while (true) {
            if (base + position >= to) {
                return false;
            }
            int status = parse();
            if (status == PARSED) {
                return true;
            }
            if (status == END) {
                return false;
            }
            if (status == MORE) {
                refill();
            }
        }
    }

    /** Where the first record at or after the end of the stretch starts (or the end of the file). */
    long stopOffset() {
        return base + position;
    }

    /** The index in {@link #buffer()} where the next record starts. */
    int position() {
        return position;
    }

    /** The end of the bytes read into {@link #buffer()}. */
    int limit() {
        return limit;
    }

    /**
     * The index in {@link #buffer()} before which a record must start to belong to this stretch,
     * at most {@link #limit()}.
     */
    int stretchEnd() {
        return (int) Math.min(to - base, limit);
    }

    /**
     * Moves past records read from {@link #buffer()} by someone else ({@link CsvPlainRecords}):
     * the next record starts at {@code next}, which must be the start of a record.
     */
    void skipTo(int next) {
        position = next;
    }

    /** Fields of the current record. */
    int fields() {
        return fields;
    }

    byte[] buffer() {
        return buffer;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    /** Whether the field, in quotes, held doubled quotes (its bytes still do). */
    boolean escaped(int field) {
        return escaped[field];
    }

    /** The current record's fields, decoded. */
    String[] cells(CsvCells cells) {
        String[] out = new String[fields];
        for (int f = 0; f < fields; f++) {
            out[f] = cells.text(this, f, -1);
        }
        return out;
    }

    /**
     * Reads to the end of the stretch without parsing, for the checksum, and returns it: the
     * CRC32C of {@code [from, to)}.
     */
    long finishChecksum() throws IOException {
        if (crc == null) {
            throw new IllegalStateException("this scanner does not checksum");
        }
        if (crcPosition >= to) {
            return crc.getValue(); // the parse read the whole stretch (a small file: always)
        }
        // Sized to what is left: a fresh JVM pays for every page of a needless 1 MiB block.
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(BLOCK, to - crcPosition));
        while (crcPosition < to) {
            block.clear();
            block.limit((int) Math.min(BLOCK, to - crcPosition));
            int n = channel.read(block, crcPosition);
            if (n < 0) {
                break;
            }
            crc.update(block.array(), 0, n);
            crcPosition += n;
        }
        return crc.getValue();
    }

    /**
     * The rows a file of {@code fileSize} bytes holds, guessed from the density of line feeds in
     * what this scanner has read so far (its first block), so that lists are sized without
     * regrowing; a wrong guess costs a copy, nothing more.
     */
    int rowsGuess(long fileSize) {
        int lines = 0;
        for (int i = 0; i < limit; i++) {
            if (buffer[i] == '\n') {
                lines++;
            }
        }
        if (limit == 0 || lines == 0) {
            return 16;
        }
        long estimate = fileSize * lines / limit + 16;
        return (int) Math.min(estimate + estimate / 16, 1 << 28);
    }

    /** Whether this scanner checksums its stretch. */
    boolean checksums() {
        return crc != null;
    }

    private void findFirstRecord() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    position = i + 1;
                    recordStart = base + position;
                    return;
                }
            }
            position = limit;
            if (endOfFile) {
                recordStart = base + position;
                return;
            }
            refill();
        }
    }

    /** Parses the record at {@code position}; see the status constants. */
    private int parse() throws Unsupported {
        byte[] b = buffer;
        int n = limit;
        int i = position;
        if (i >= n) {
            return endOfFile ? END : MORE;
        }
        byte d = delimiter;
        byte q = quote;
        int f = 0;
        while (true) {
            if (f == starts.length) {
                grow();
            }
            if (i < n && b[i] == q) {
                int j = i + 1;
                boolean doubled = false;
                int close;
                while (true) {
                    int k = j;
                    while (k < n && b[k] != q) {
                        k++;
                    }
                    if (k >= n) {
                        if (endOfFile) {
                            throw new Unsupported("a quote is never closed");
                        }
                        return MORE;
                    }
                    if (k + 1 >= n && !endOfFile) {
                        return MORE;
                    }
                    if (k + 1 < n && b[k + 1] == q) {
                        doubled = true;
                        j = k + 2;
                        continue;
                    }
                    close = k;
                    break;
                }
                starts[f] = i + 1;
                ends[f] = close;
                escaped[f] = doubled;
                f++;
                i = close + 1;
                if (i >= n) {
                    return record(f, i); // end of file right after the quote
                }
                byte c = b[i];
                if (c == d) {
                    i++;
                    continue;
                }
                if (c == '\n') {
                    return record(f, i + 1);
                }
                if (c == '\r') {
                    if (i + 1 >= n && !endOfFile) {
                        return MORE;
                    }
                    return record(f, i + 1 < n && b[i + 1] == '\n' ? i + 2 : i + 1);
                }
                throw new Unsupported("text after a closing quote");
            }
            int j = i;
            while (j < n) {
                byte c = b[j];
                if (c == d || c == '\n' || c == '\r' || c == q) {
                    break;
                }
                j++;
            }
            if (j >= n) {
                if (!endOfFile) {
                    return MORE;
                }
                starts[f] = i;
                ends[f] = j;
                escaped[f] = false;
                f++;
                if (f == 1 && j == i) {
                    position = j;
                    return END;
                }
                return record(f, j);
            }
            byte c = b[j];
            if (c == q) {
                throw new Unsupported("a quote inside an unquoted field");
            }
            starts[f] = i;
            ends[f] = j;
            escaped[f] = false;
            f++;
            if (c == d) {
                i = j + 1;
                continue;
            }
            int next;
            if (c == '\r') {
                if (j + 1 >= n && !endOfFile) {
                    return MORE;
                }
                next = j + 1 < n && b[j + 1] == '\n' ? j + 2 : j + 1;
            } else {
                next = j + 1;
            }
            if (f == 1 && j == i) {
                position = next; // an empty line
                return SKIPPED;
            }
            return record(f, next);
        }
    }

    private int record(int fieldCount, int next) {
        fields = fieldCount;
        recordStart = base + position;
        position = next;
        return PARSED;
    }

    private void grow() {
        int size = starts.length * 2;
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        escaped = Arrays.copyOf(escaped, size);
    }

    /** Keeps the bytes from {@code position} on, makes room (growing for a long record) and reads more. */
    private void refill() throws IOException {
        if (endOfFile) {
            return;
        }
        int keep = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, keep);
            base += position;
            limit = keep;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        fill();
    }

    /** Reads into the free end of the buffer, checksumming what lies in the stretch. */
    private void fill() throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, limit, buffer.length - limit);
        long at = base + limit;
        while (target.hasRemaining() && at < fileSize) {
            int n = channel.read(target, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        int read = (int) (at - (base + limit));
        if (crc != null && at > crcPosition && crcPosition < to) {
            if (base + limit > crcPosition) {
                throw new IllegalStateException("bytes " + crcPosition + ".." + (base + limit) + " were not checksummed");
            }
            long from = Math.max(crcPosition, base + limit);
            long until = Math.min(at, to);
            if (until > from) {
                crc.update(buffer, (int) (from - base), (int) (until - from));
                crcPosition = until;
            }
        }
        limit += read;
        endOfFile = at >= fileSize || read == 0;
    }
}
