package io.sluice.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement shared by the file datasets: the content goes to a temporary file in
 * the target's directory (same file system, so the rename is atomic), is flushed to disk, and is
 * then moved over the target. Readers see the old file or the new one, never a partial one, even
 * if the JVM dies; a failed write leaves the old file untouched and removes the temporary file.
 *
 * <p>Public for file datasets outside this package (see {@link FileDataset}).
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

    /**
     * Replaces {@code target} atomically with what {@code body} writes, creating its directory
     * if needed.
     *
     * @throws IOException when the write fails; {@code target} is then left as it was
     */
    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
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
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
