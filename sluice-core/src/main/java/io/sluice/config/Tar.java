package io.sluice.config;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The subset of the tar format that config archives need: reading ustar, GNU long names and pax
 * paths (what {@code tar} and Kedro's {@code kedro package} write), and writing ustar entries
 * with fixed owner, mode and time, so that the same files always give the same bytes.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** An entry of an archive, as read: its path, its type flag, its bytes (empty for directories). */
    record Entry(String path, char type, byte[] data) {
        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    /**
     * Reads every entry of the (uncompressed) tar stream {@code in}, calling {@code onEntry}.
     *
     * @param maxBytes the most file bytes to read in all
     * @throws IOException on a truncated or corrupt archive (bad header checksum, bad size)
     */
    static void read(InputStream in, long maxBytes, java.util.function.Consumer<Entry> onEntry) throws IOException {
        byte[] header = new byte[BLOCK];
        String longName = null;
        long total = 0;
        while (true) {
            if (!readBlock(in, header, true)) {
                return; // EOF without end blocks: accepted, as GNU tar does with a warning
            }
            if (allZero(header)) {
                return;
            }
            checkChecksum(header);
            long size = octal(header, 124, 12);
            if (size < 0) {
                throw new IOException("bad entry size in a tar header");
            }
            total += size;
            if (total > maxBytes) {
                throw new IOException("the archive holds more than " + maxBytes + " bytes");
            }
            byte[] data = new byte[(int) size];
            readFully(in, data);
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            in.skipNBytes(padding);
            char type = (char) header[156];
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            switch (type) {
                case 'L' -> longName = text(data, 0, data.length);
                case 'x' -> {
                    String path = paxPath(data);
                    if (path != null) {
                        longName = path;
                    }
                }
                case 'g' -> {
                    // global pax header: nothing a config archive needs
                }
                default -> {
                    onEntry.accept(new Entry(longName != null ? longName : name, type, data));
                    longName = null;
                }
            }
        }
    }

    /** Writes a file entry: mode 0644, owner 0/0, time {@code mtime} (seconds). */
    static void writeFile(OutputStream out, String path, byte[] data, long mtime) throws IOException {
        writeHeader(out, path, '0', data.length, 0644, mtime);
        out.write(data);
        out.write(new byte[(int) ((BLOCK - data.length % BLOCK) % BLOCK)]);
    }

    /** Writes a directory entry ({@code path} ends with '/'): mode 0755. */
    static void writeDirectory(OutputStream out, String path, long mtime) throws IOException {
        writeHeader(out, path, '5', 0, 0755, mtime);
    }

    /** The two zero blocks that end an archive. */
    static void finish(OutputStream out) throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private static void writeHeader(OutputStream out, String path, char type, long size, int mode, long mtime)
            throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length > 100) {
            // a GNU long-name entry first, as GNU tar writes it
            ByteArrayOutputStream longName = new ByteArrayOutputStream();
            longName.write(name);
            longName.write(0);
            byte[] data = longName.toByteArray();
            out.write(header("././@LongLink".getBytes(StandardCharsets.US_ASCII), 'L', data.length, 0644, 0));
            out.write(data);
            out.write(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
            name = Arrays.copyOf(name, 100);
        }
        out.write(header(name, type, size, mode, mtime));
    }

    private static byte[] header(byte[] name, char type, long size, int mode, long mtime) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
        putOctal(h, 100, 8, mode);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, mtime);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        byte[] owner = "root".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(owner, 0, h, 265, owner.length);
        System.arraycopy(owner, 0, h, 297, owner.length);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        putOctal(h, 148, 7, sum);
        return h;
    }

    private static void putOctal(byte[] h, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - s.length())) + s;
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, Math.min(b.length, length - 1));
        h[offset + length - 1] = 0;
    }

    private static void checkChecksum(byte[] h) throws IOException {
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (stored != sum) {
            throw new IOException("bad tar header checksum (a corrupt or truncated archive)");
        }
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = h[i];
            if (b == 0 || (b == ' ' && digits)) {
                break;
            }
            if (b == ' ') {
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("bad number in a tar header (a corrupt archive)");
            }
            value = value * 8 + (b - '0');
            digits = true;
        }
        return value;
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String paxPath(byte[] data) {
        String all = new String(data, StandardCharsets.UTF_8);
        for (String record : all.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static boolean readBlock(InputStream in, byte[] block, boolean eofOk) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0 && eofOk) {
            return false;
        }
        if (n < block.length) {
            throw new EOFException("the archive is truncated");
        }
        return true;
    }

    private static void readFully(InputStream in, byte[] data) throws IOException {
        if (in.readNBytes(data, 0, data.length) < data.length) {
            throw new EOFException("the archive is truncated");
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
