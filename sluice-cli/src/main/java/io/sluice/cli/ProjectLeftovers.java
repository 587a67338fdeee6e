package io.sluice.cli;

import io.sluice.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What interrupted work left under a project, for {@code sluice clean}: temporary files and
 * checksum records of interrupted writes (as {@link AtomicFiles#leftover} tells them) under the
 * data folders, the lock files of run journals no run holds any more
 * ({@code .sluice/runs/<run id>/<group>.lock}), and class-data archives the launcher was writing
 * when it was stopped ({@code .sluice/cds/*.jsa.<pid>.tmp}).
 */
final class ProjectLeftovers {
    /** {@code bin/sluice} names its unfinished archive {@code <archive>.<shell pid>.tmp}. */
    private static final Pattern ARCHIVE_TEMP = Pattern.compile("sluice-.+\\.jsa\\.([0-9]{1,19})\\.tmp");
    private static final Duration ARCHIVE_WRITE = Duration.ofHours(1);

    private ProjectLeftovers() {
    }

    /** One file to remove, with why. */
    record Leftover(Path file, long bytes, String reason, boolean lock) {
        /**
         * Removes the file; a lock file only while holding its lock, so that a run that took it
         * meanwhile keeps it.
         *
         * @return whether it was removed (false when a run took the lock since it was found)
         */
        boolean remove() throws IOException {
            if (!lock) {
                return Files.deleteIfExists(file);
            }
            return withLock(file, true);
        }
    }

    /** The leftovers under {@code folders} (data folders) and under the project's {@code .sluice/}. */
    static List<Leftover> find(Path project, List<Path> folders) throws IOException {
        List<Leftover> found = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                writeLeftovers(folder, found);
            }
        }
        Path state = project.resolve(".sluice");
        if (!folders.contains(state) && Files.isDirectory(state)) {
            writeLeftovers(state, found);
        }
        runLocks(state.resolve("runs"), found);
        archiveTemps(state.resolve("cds"), found);
        return found;
    }

    private static void writeLeftovers(Path folder, List<Leftover> found) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Optional<String> reason = AtomicFiles.leftover(file);
                if (reason.isPresent()) {
                    found.add(new Leftover(file, size(file), reason.get(), false));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Lock files of journal parts whose lock nobody holds: their runs have ended. */
    private static void runLocks(Path runs, List<Leftover> found) throws IOException {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> files = Files.walk(runs, 2)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".lock"))
                    .filter(Files::isRegularFile)::iterator) {
                if (withLock(file, false)) {
                    found.add(new Leftover(file, size(file), "lock file of a run journal part whose run has ended",
                            true));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Takes {@code lockFile}'s lock if nobody holds it, deletes the file if asked (while holding
     * the lock), and releases it.
     *
     * @return whether the lock was free
     */
    private static boolean withLock(Path lockFile, boolean delete) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // held by a run of this very process
            }
            if (lock == null) {
                return false;
            }
            try {
                if (delete) {
                    Files.deleteIfExists(lockFile);
                }
            } finally {
                lock.release();
            }
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            return false; // a file system without locks: cannot tell, so leave it
        }
    }

    /** Archives {@code bin/sluice} was writing when its shell ended without moving them into place. */
    private static void archiveTemps(Path cds, List<Leftover> found) throws IOException {
        if (!Files.isDirectory(cds)) {
            return;
        }
        try (Stream<Path> files = Files.list(cds)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = ARCHIVE_TEMP.matcher(file.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(file)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                FileTime modified = Files.getLastModifiedTime(file);
                // the JVM writes the archive as it exits, in seconds; an hour-old one is not being written
                if (!alive || modified.toInstant().isBefore(Instant.now().minus(ARCHIVE_WRITE))) {
                    found.add(new Leftover(file, size(file), "class-data archive the launcher (process " + pid
                            + ") did not finish", false));
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
