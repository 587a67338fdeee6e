package io.sluice.io;

import java.nio.file.Path;

/**
 * A file does not match the checksum recorded when Sluice saved it: it changed afterwards (an
 * edit, another program, a disk or copy error), or a save was interrupted between writing the
 * record and moving the file into place. The message names the dataset, the file, both checksums,
 * the run that saved it and the fix.
 */
public final class ChecksumMismatchException extends DatasetException {
    private static final long serialVersionUID = 1L;

    private final transient SavedFile expected;
    private final String foundChecksum;
    private final long foundSize;
    private final boolean interruptedSave;

    ChecksumMismatchException(String message, SavedFile expected, String foundChecksum, long foundSize,
                              boolean interruptedSave, Throwable cause) {
        super(message, cause);
        this.expected = expected;
        this.foundChecksum = foundChecksum;
        this.foundSize = foundSize;
        this.interruptedSave = interruptedSave;
    }

    /** The data file. */
    public Path file() {
        return expected.file();
    }

    /** What the record says was saved. */
    public SavedFile expected() {
        return expected;
    }

    /** The checksum of the file as it is (CRC32C, 8 hex digits). */
    public String foundChecksum() {
        return foundChecksum;
    }

    /** The size of the file as it is, in bytes. */
    public long foundSize() {
        return foundSize;
    }

    /**
     * Whether the file is exactly the one the recorded save replaced: the save wrote its record
     * and was stopped before it moved the new file into place.
     */
    public boolean interruptedSave() {
        return interruptedSave;
    }
}
