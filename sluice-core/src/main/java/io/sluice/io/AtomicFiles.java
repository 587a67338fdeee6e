package io.sluice.io;

import io.sluice.run.ProcessIdentity;
import io.sluice.run.RunContext;
import io.sluice.run.RunIds;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Atomic, checksummed file replacement shared by the file datasets.
 *
 * <p>The content goes to a temporary file (in the hidden {@code .sluice-tmp} folder beside the
 * target, so on the same file system; named after the writing process, see {@link TempFiles}),
 * is forced to disk and is then moved over the target. Readers see the old file or the new one,
 * never a partial one, even if the JVM dies; a failed write leaves the old file untouched and
 * removes its temporary file, and the temporary files of writers that were killed are removed at
 * the next write into the same folder.
 *
 * <p>Each write also records what it wrote — its CRC32C checksum (computed as the bytes pass, no
 * second read), its size, the run and the time — in {@code .<file name>.sluice} beside the target
 * (see {@link SavedFile}), which loads check the file against ({@link FileLocation}). The record
 * is moved into place first and the data file second: a write stopped between the two renames
 * leaves the previous file under the new record, which a load reports as an interrupted save
 * instead of accepting the old content as the new. Should the second rename fail, the previous
 * record is put back.
 *
 * <p>Files are created with the permissions the process's umask gives new files (as
 * {@code Files.newOutputStream} would), not the owner-only mode of {@code Files.createTempFile}.
 *
 * <p>Public for file datasets outside this package (see {@link FileDataset}), which usually write
 * through {@link FileLocation#save} instead.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content {@code body} produces. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole content to {@code out}. Closing {@code out} only flushes it; the file is
         * forced to disk and moved into place after this returns.
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content into a file by its path, for writers that only take paths (DuckDB's COPY TO). */
    @FunctionalInterface
    public interface FileBody {
        /**
         * Creates {@code file} (which does not exist yet) and writes the whole content into it. The
         * file is read once afterwards for its checksum, forced to disk and moved into place.
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * {@link #write(Path, RunContext, Body)} for the run the calling thread works for
     * ({@link RunContext#current()}, the fallback for code that is not given its run), else for a
     * fresh id as work outside runs gets.
     *
     * @throws IOException when the write fails; {@code target} is then left as it was
     */
    public static void write(Path target, Body body) throws IOException {
        write(target, RunContext.current().orElse(null), body);
    }

    /**
     * Replaces {@code target} atomically with what {@code body} writes, creating its folder if
     * needed, and records the checksum, size, run ({@code run}'s id) and time of the write beside
     * it.
     *
     * @throws IOException when the write fails; {@code target} is then left as it was
     */
    public static void write(Path target, RunContext run, Body body) throws IOException {
        commit(target, run, temp -> fill(temp, body));
    }

    /**
     * {@link #write(Path, RunContext, Body)} for a content that {@code body} writes into a file by
     * its path.
     *
     * @throws IOException when the write fails, or {@code body} did not create the file
     */
    public static void writeFile(Path target, RunContext run, FileBody body) throws IOException {
        commit(target, run, temp -> {
            body.writeTo(temp);
            if (!Files.isRegularFile(temp)) {
                throw new IOException("the writer did not create the file " + temp);
            }
            return checksumAndForce(temp);
        });
    }

    /** What a temporary file holds, measured as it was written. */
    record Written(long crc, long size) {
    }

    @FunctionalInterface
    private interface Filler {
        Written fill(Path temp) throws IOException;
    }

    private static void commit(Path target, RunContext run, Filler filler) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        TempFiles.sweep(dir);
        Path temp = TempFiles.reserve(file);
        Path recordTemp = null;
        boolean moved = false;
        try {
            Written written = filler.fill(temp);
            Path recordFile = FileRecord.fileOf(file);
            byte[] oldRecord = readIfExists(recordFile);
            FileRecord record = new FileRecord(file.getFileName().toString(), FileRecord.hex(written.crc()),
                    written.size(), run != null ? run.runId() : RunIds.once(), Instant.now(), ProcessIdentity.CURRENT,
                    prior(oldRecord));
            recordTemp = TempFiles.reserve(recordFile);
            byte[] json = record.toJson();
            fill(recordTemp, out -> out.write(json));
            // The record first: from here until the data file is moved, the old file no longer
            // matches its record, so an interruption shows on the next load instead of passing the
            // old content off as this save's.
            move(recordTemp, recordFile);
            recordTemp = null;
            try {
                move(temp, file);
            } catch (IOException | RuntimeException e) {
                restore(recordFile, oldRecord, e);
                throw e;
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
            if (recordTemp != null) {
                Files.deleteIfExists(recordTemp);
            }
        }
    }

    private static FileRecord.Prior prior(byte[] oldRecord) {
        if (oldRecord == null) {
            return null;
        }
        try {
            return FileRecord.parse(oldRecord).asPrior();
        } catch (FileRecord.Damaged e) {
            return null; // the new record replaces it; a damaged one says nothing about the old file
        }
    }

    /** Puts the record of the file that is still in place back, after the data file failed to move. */
    private static void restore(Path recordFile, byte[] oldRecord, Exception failure) {
        try {
            if (oldRecord == null) {
                Files.deleteIfExists(recordFile);
            } else {
                Path temp = TempFiles.reserve(recordFile);
                try {
                    fill(temp, out -> out.write(oldRecord));
                    move(temp, recordFile);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Writes {@code body} into the new file {@code temp}, forced to disk, measuring it on the way. */
    static Written fill(Path temp, Body body) throws IOException {
        try (FileChannel channel = create(temp)) {
            Measuring measured = new Measuring(Channels.newOutputStream(channel));
            OutputStream out = new BufferedOutputStream(measured, 1 << 16);
            // Bodies may close what they are given (Jackson, ObjectOutputStream do); the channel
            // must stay open until it is forced to disk.
            body.writeTo(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            out.flush();
            channel.force(true);
            return new Written(measured.crc.getValue(), measured.size);
        }
    }

    /**
     * Creates {@code temp} with the default permissions (the umask's), recreating its folder
     * once if {@code sluice clean} removed it, empty, in the meantime.
     */
    private static FileChannel create(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(temp.getParent());
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + temp + " exists already (two writers drew the same name)", e);
        }
    }

    private static Written checksumAndForce(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Written written = checksum(channel);
            channel.force(true);
            return written;
        }
    }

    /** The CRC32C and size of what {@code channel} holds from its position to its end. */
    static Written checksum(FileChannel channel) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 18);
        long size = 0;
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            size += buffer.remaining();
            crc.update(buffer);
            buffer.clear();
        }
        return new Written(crc.getValue(), size);
    }

    /** The CRC32C and size of what {@code in} holds from its position to its end. */
    static Written checksum(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
            size += n;
        }
        return new Written(crc.getValue(), size);
    }

    /**
     * Why {@code file} is a leftover of an interrupted write, or empty when it is not one: a
     * temporary file whose writer has ended (or, when its writer cannot be checked, untouched for
     * an hour), or a checksum record whose data file does not exist and whose writer has ended.
     * What {@code sluice clean} removes.
     */
    public static Optional<String> leftover(Path file) throws IOException {
        Optional<String> temp = TempFiles.staleReason(file);
        if (temp.isPresent()) {
            return temp;
        }
        Optional<Path> data = FileRecord.dataFileOf(file);
        if (data.isEmpty() || Files.exists(data.get()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // A first save moves its record before its file: give a writer that is still at it the time.
        FileRecord record;
        try {
            record = FileRecord.parse(Files.readAllBytes(file));
        } catch (FileRecord.Damaged e) {
            return TempFiles.untouchedFor(file) ? Optional.of("damaged checksum record of a file that does not"
                    + " exist") : Optional.empty();
        }
        if (TempFiles.mayBeWriting(data.get(), record.writer(), file)) {
            return Optional.empty();
        }
        return Optional.of("checksum record of " + data.get().getFileName() + ", which does not exist (a first"
                + " save that was interrupted, or the file was deleted)");
    }

    /** Counts and checksums the bytes on their way to the file. */
    static final class Measuring extends FilterOutputStream {
        final CRC32C crc = new CRC32C();
        long size;

        Measuring(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            size += len;
        }
    }
}
