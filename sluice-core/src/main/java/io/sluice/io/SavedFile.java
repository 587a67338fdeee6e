package io.sluice.io;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What Sluice recorded when it saved a file: which run wrote it and when, and the checksum and
 * size of what it wrote. Every atomic write ({@link AtomicFiles}, and so every file dataset) keeps
 * this record in a hidden file beside the data ({@code data/.x.csv.sluice} for {@code data/x.csv});
 * loads check the file against it (see {@link FileLocation}), and {@link FileLocation#saved}
 * reads it, e.g. to tell which run produced an output and whether it is older than its inputs.
 *
 * @param file      the data file
 * @param runId     the run that saved it (for a save outside any run, the fresh id it was saved
 *                  under, as for a versioned dataset's version)
 * @param savedAt   when the save completed its write (the record is written just before the file
 *                  is moved into place)
 * @param algorithm the checksum's algorithm: {@code CRC32C}
 * @param checksum  the checksum, 8 lower-case hex digits
 * @param size      the file's size in bytes
 */
public record SavedFile(Path file, String runId, Instant savedAt, String algorithm, String checksum, long size) {
}
