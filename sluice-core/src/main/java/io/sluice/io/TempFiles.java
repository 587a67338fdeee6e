package io.sluice.io;

import io.sluice.run.ProcessIdentity;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of atomic writes: where they go, how they are named, and when one is a
 * leftover.
 *
 * <p>A write to {@code data/x.csv} fills {@code data/.sluice-tmp/x.csv.<pid>-<start>-<host>-<random>.tmp}
 * and renames it over the target (same folder tree, same file system, so the rename is atomic).
 * The name says which process writes it: its id, its start time (milliseconds, base 36) and a
 * CRC-32 of its host name. A temporary file whose writer has ended is a leftover of an
 * interrupted write (a {@code kill -9}, a crash, a full disk) and is removed at the next write
 * into that folder; {@code sluice clean} removes them everywhere.
 *
 * <p>The temporary files live in a hidden folder of their own rather than beside the targets, so
 * that finding leftovers costs a listing of that small folder at each write, not of a data folder
 * that may hold thousands of partitions. Hidden names also keep them out of partition listings.
 */
final class TempFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** The folder, inside the target's folder, that holds the temporary files of writes to it. */
    static final String FOLDER = ".sluice-tmp";

    /**
     * How long a temporary file whose writer cannot be checked (another host, or a name without a
     * writer, left by an earlier Sluice) must have been left untouched to count as a leftover.
     */
    static final Duration UNCHECKABLE_AGE = Duration.ofHours(1);

    private static final Pattern NAME = Pattern.compile(
            "(.+)\\.([0-9]{1,19})-([0-9a-z]{1,13})-([0-9a-f]{8})-([0-9a-f]{8})\\.tmp");

    /** {@code .x.csv.123456789.tmp} (Files.createTempFile) or {@code .x.parquet.sluice_parquet_<hex>.tmp}. */
    private static final Pattern LEGACY = Pattern.compile("\\.(.+)\\.(?:[0-9]{1,20}|sluice_parquet_[0-9a-f]{16})\\.tmp");

    private TempFiles() {
    }

    /**
     * A fresh name for a temporary file of a write to {@code target}, in {@link #FOLDER} beside it
     * (the folder is created; the file is not).
     */
    static Path reserve(Path target) throws IOException {
        Path folder = target.resolveSibling(FOLDER);
        Files.createDirectories(folder);
        ProcessIdentity self = ProcessIdentity.CURRENT;
        String random = String.format("%08x", ThreadLocalRandom.current().nextInt());
        return folder.resolve(target.getFileName() + "." + self.pid() + "-" + self.startTag() + "-"
                + self.hostTag() + "-" + random + ".tmp");
    }

    /**
     * Removes the leftovers in the temporary folder of {@code dir}. Best effort: a write never
     * fails because an old temporary file could not be removed.
     */
    static void sweep(Path dir) {
        Path folder = dir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Optional<String> why = staleReason(file);
                if (why.isPresent()) {
                    long size = sizeOf(file);
                    if (Files.deleteIfExists(file)) {
                        LOG.info("Removed {} ({} bytes): {}", file, size, why.get());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot sweep {}: {}", folder, e.toString());
        }
    }

    /**
     * Why {@code file} is a leftover temporary file of an atomic write, or empty when it is not
     * one (not named as one) or its writer may still be writing it.
     */
    static Optional<String> staleReason(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        boolean inFolder = parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals(FOLDER);
        Matcher m = NAME.matcher(name);
        if (inFolder && m.matches()) {
            long pid;
            try {
                pid = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            Instant started = m.group(3).equals("0") ? null : Instant.ofEpochMilli(Long.parseLong(m.group(3), 36));
            Boolean alive = ProcessIdentity.aliveOnThisHost(m.group(4), pid, started);
            if (alive == null) {
                return untouchedFor(file) ? Optional.of("temporary file of a write on another host, untouched for"
                        + " over an hour") : Optional.empty();
            }
            return alive ? Optional.empty()
                    : Optional.of("temporary file of an interrupted write: its writer, process " + pid + ", has ended");
        }
        if (!inFolder && LEGACY.matcher(name).matches() && untouchedFor(file)) {
            return Optional.of("temporary file of an interrupted write by an earlier Sluice, untouched for over an"
                    + " hour");
        }
        return Optional.empty();
    }

    /** The writer a temporary file's name records, if it is named as {@link #reserve} names them. */
    static Optional<WriterTag> writerOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new WriterTag(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** The parts of a temporary file's name: the target's name and its writer's id, start and host tags. */
    record WriterTag(String target, String pid, String start, String host) {
        boolean wrote(String targetName, ProcessIdentity writer) {
            return target.equals(targetName) && pid.equals(Long.toString(writer.pid()))
                    && start.equals(writer.startTag()) && host.equals(writer.hostTag());
        }
    }

    /**
     * Whether {@code writer} may be writing {@code target} right now: it is alive and has a
     * temporary file for it, or it ran on another host and {@code evidence} (a file it wrote) was
     * touched within the last hour.
     */
    static boolean mayBeWriting(Path target, ProcessIdentity writer, Path evidence) throws IOException {
        Boolean alive = writer.aliveOnThisHost();
        if (alive == null) {
            return !untouchedFor(evidence);
        }
        if (!alive) {
            return false;
        }
        Path folder = target.resolveSibling(FOLDER);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (writerOf(file).filter(tag -> tag.wrote(name, writer)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code file} was last modified more than {@link #UNCHECKABLE_AGE} ago. */
    static boolean untouchedFor(Path file) throws IOException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().isBefore(Instant.now().minus(UNCHECKABLE_AGE));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
