package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Checks a file against its checksum record while (or before) a dataset reads it.
 *
 * <p>A reader can meet a save in progress: it reads the record, the save replaces record and file,
 * the reader reads the new file against the old record; or it reads the new record before the
 * saver has moved the new file. Neither is damage, so a mismatch is checked again, a few times,
 * when either file was replaced during the read or the record's writer is alive and still has
 * its temporary file: a save in progress completes in microseconds once its record is in place.
 * Otherwise the mismatch is reported at once.
 */
final class Verification {
    private static final int ATTEMPTS = 6;

    private Verification() {
    }

    /**
     * Reads {@code file} with {@code parser}, checking it against its record as the bytes pass; a
     * null parser only checks.
     */
    static <R> R read(DatasetConfig config, Path file, FileLocation.Parser<R> parser) {
        for (int attempt = 1; ; attempt++) {
            Stamp before = Stamp.of(file);
            FileRecord record = record(config, file);
            if (record == null) {
                return parser == null ? null : readUnchecked(config, file, parser);
            }
            Outcome<R> outcome = parseChecked(config, file, record, parser);
            if (outcome.parsed() && outcome.matches(record)) {
                return outcome.value(config, file);
            }
            // unparsed but matching: the file was replaced between its size and its checksum
            boolean replaced = !outcome.parsed() && outcome.matches(record);
            if (attempt < ATTEMPTS && (replaced || saveInProgress(file, record, before))) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5L * attempt * attempt));
                continue;
            }
            throw mismatch(config, file, record, outcome);
        }
    }

    /** Reads {@code file} with {@code parser}, without a check. */
    static <R> R readUnchecked(DatasetConfig config, Path file, FileLocation.Parser<R> parser) {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in, file);
        } catch (NoSuchFileException e) {
            FileSupport.requireExists(config, file);
            throw FileSupport.readFailure(config, file, e);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, file, e);
        } catch (UncheckedIOException e) {
            throw FileSupport.readFailure(config, file, e.getCause());
        }
    }

    /**
     * {@link FileLocation#readDirect}: the parser's value when the file matches its record (or has
     * none, or is not checked), empty whenever the file should be read by {@link #read} instead.
     */
    static <R> Optional<R> readDirect(DatasetConfig config, Path file, boolean checked,
                                      FileLocation.DirectParser<R> parser) {
        FileRecord record = checked ? record(config, file) : null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (record != null && size != record.size()) {
                return Optional.empty();
            }
            FileLocation.Parsed<R> parsed = parser.parse(channel, file, size, record != null);
            if (parsed == null) {
                return Optional.empty();
            }
            if (record != null && (parsed.size() != record.size()
                    || !FileRecord.hex(parsed.crc()).equals(record.checksum()))) {
                return Optional.empty();
            }
            return Optional.of(parsed.value());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Checks the whole of {@code file} against its record (if it has one) before someone else reads it. */
    static void verify(DatasetConfig config, Path file) {
        read(config, file, null);
    }

    /** The record of {@code file}, or null; a damaged record is an error naming the way out. */
    static FileRecord record(DatasetConfig config, Path file) {
        try {
            return FileRecord.read(file).orElse(null);
        } catch (FileRecord.Damaged e) {
            Path recordFile = FileRecord.fileOf(file);
            throw new DatasetException(config.subject() + ": the checksum record " + config.display(recordFile)
                    + " of " + config.display(file) + " is damaged: " + e.getMessage() + ". Delete it (the file then"
                    + " loads unchecked until its next save records it again) or set checksum: false on the entry.");
        } catch (IOException e) {
            throw FileSupport.readFailure(config, FileRecord.fileOf(file), e);
        }
    }

    private static <R> Outcome<R> parseChecked(DatasetConfig config, Path file, FileRecord record,
                                               FileLocation.Parser<R> parser) {
        try {
            if (Files.size(file) != record.size()) {
                // Cut short or grown: do not feed the parser a file known to be wrong.
                return new Outcome<>(null, null, checksumOf(file), false);
            }
        } catch (NoSuchFileException e) {
            FileSupport.requireExists(config, file);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, file, e);
        }
        if (parser == null) {
            try {
                AtomicFiles.Written written = checksumOf(file);
                return new Outcome<>(null, null, written, true);
            } catch (IOException e) {
                throw FileSupport.readFailure(config, file, e);
            }
        }
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedStream in = new CheckedStream(raw);
            R value;
            try {
                value = parser.parse(in, file);
            } catch (IOException | RuntimeException e) {
                // A damaged file often fails to parse: finish the checksum, so that the error says
                // "damaged" rather than whatever the parser tripped over.
                in.drain();
                return Outcome.failed(in.written(), e);
            }
            in.drain();
            return new Outcome<>(value, null, in.written(), true);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, file, e);
        }
    }

    private static AtomicFiles.Written checksumOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return AtomicFiles.checksum(channel);
        }
    }

    /**
     * Whether the mismatch may be a save caught half-way. The writer's temporary file is looked for
     * before the files are compared with {@code before}: a save that moves its file in between is
     * then seen by the comparison.
     */
    private static boolean saveInProgress(Path file, FileRecord record, Stamp before) {
        boolean writing;
        try {
            writing = Boolean.TRUE.equals(record.writer().aliveOnThisHost())
                    && TempFiles.mayBeWriting(file, record.writer(), FileRecord.fileOf(file));
        } catch (IOException e) {
            writing = false;
        }
        return writing || !before.equals(Stamp.of(file));
    }

    private static ChecksumMismatchException mismatch(DatasetConfig config, Path file, FileRecord record,
                                                      Outcome<?> outcome) {
        Path recordFile = FileRecord.fileOf(file);
        String found = FileRecord.hex(outcome.written().crc());
        long foundSize = outcome.written().size();
        FileRecord.Prior previous = record.previous();
        boolean interrupted = previous != null && previous.checksum().equals(found) && previous.size() == foundSize;
        StringBuilder m = new StringBuilder(config.subject()).append(": ").append(config.display(file))
                .append(" does not match its checksum record ").append(config.display(recordFile))
                .append(": expected CRC32C ").append(record.checksum()).append(" (").append(bytes(record.size()))
                .append("), saved by run ").append(record.runId()).append(" at ").append(record.savedAt())
                .append("; found ").append(found).append(" (").append(bytes(foundSize)).append(").");
        if (interrupted) {
            m.append(" The file and its checksum come from different saves: an interrupted save? The file is the one")
                    .append(" saved before, by run ").append(previous.runId()).append(" at ").append(previous.savedAt())
                    .append("; the save by run ").append(record.runId()).append(" did not complete.");
        } else {
            m.append(" The file changed after it was saved (an edit, another program, a disk or copy error), or the")
                    .append(" file and its checksum come from different saves: an interrupted save?");
        }
        m.append(" Save it again (re-run the node that writes it). If you changed the file on purpose, delete ")
                .append(config.display(recordFile)).append(" or set checksum: false on the entry.");
        return new ChecksumMismatchException(m.toString(), record.view(file), found, foundSize, interrupted,
                outcome.failure());
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d byte%s", n, n == 1 ? "" : "s");
    }

    /**
     * What a checked read gave: the value or the parser's failure, and what the file held;
     * {@code parsed} is false when the file's size alone showed the mismatch and the parser was
     * not run (so a file that matches by the time its checksum is computed must be read again).
     */
    private record Outcome<R>(R value, Throwable failure, AtomicFiles.Written written, boolean parsed) {
        static <R> Outcome<R> failed(AtomicFiles.Written written, Throwable failure) {
            return new Outcome<>(null, failure, written, true);
        }

        boolean matches(FileRecord record) {
            return written.size() == record.size() && FileRecord.hex(written.crc()).equals(record.checksum());
        }

        /** The value, or the parser's failure now that the file is known to be intact. */
        R value(DatasetConfig config, Path file) {
            if (failure instanceof RuntimeException e) {
                if (e instanceof UncheckedIOException u) {
                    throw FileSupport.readFailure(config, file, u.getCause());
                }
                throw e;
            }
            if (failure instanceof IOException e) {
                throw FileSupport.readFailure(config, file, e);
            }
            return value;
        }
    }

    /** Which file is at a path: a replaced file (a rename over it) has another key or time. */
    private record Stamp(Object dataKey, Object dataTime, Object recordKey, Object recordTime) {
        static Stamp of(Path file) {
            Object[] data = attributes(file);
            Object[] record = attributes(FileRecord.fileOf(file));
            return new Stamp(data[0], data[1], record[0], record[1]);
        }

        private static Object[] attributes(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return new Object[] {Objects.requireNonNullElse(a.fileKey(), a.creationTime()),
                        a.lastModifiedTime().toMillis() + ":" + a.size()};
            } catch (IOException e) {
                return new Object[] {null, null};
            }
        }
    }

    /**
     * Checksums the bytes the parser reads; closing it is left to its owner, so that what a
     * parser leaves unread can still be read for the checksum.
     */
    static final class CheckedStream extends InputStream {
        private final InputStream in;
        private final CRC32C crc = new CRC32C();
        private long size;

        CheckedStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                crc.update(b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are part of the file too: read them.
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() {
            // see the class comment
        }

        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // reading is the point
            }
        }

        AtomicFiles.Written written() {
            return new AtomicFiles.Written(crc.getValue(), size);
        }

    }
}
