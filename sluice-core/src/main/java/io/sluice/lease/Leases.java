package io.sluice.lease;

import io.sluice.SluiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on persisted data: runs that share a file (or a table) that one of them writes take
 * turns on it instead of reading each other's half-finished data.
 *
 * <p>A run takes all its leases before its first node and keeps them until it ends: shared where
 * it only reads, exclusive where it writes. Every run takes them in one global order (by the
 * lock file's absolute path), so two runs can never each wait for the other. Within this
 * process, runs wait on a fair read-write lock per piece of data; across processes (two
 * {@code sluice run}s, a server and a batch run) on an operating-system lock of the data's lock
 * file ({@code .<name>.lock} beside a file), which the system releases with the process however
 * it ends. An exclusive holder writes its run id and process into the lock file, so that a run
 * refused or kept waiting can say who holds the data.
 *
 * <p>The table of data this process has leased is the one process-wide structure of Sluice, on
 * purpose: operating-system file locks belong to a process, and the JVM may hold only one lock per
 * file, so every session of the process has to go through one table. Entries live only while a
 * run holds or waits for their data.
 *
 * <p>A lock file that cannot be created for a shared lease (a read-only input folder) leaves that
 * lease to this process's lock alone: nothing can write there through Sluice anyway.
 */
public final class Leases {
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    /** Data leased by runs of this process; see the class comment for why it is process-wide. */
    private static final Map<Path, Entry> TABLE = new HashMap<>();

    private Leases() {
    }

    /** What a run holds; closing it releases every lease, in the reverse order of taking. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds nothing: what a run without shared data takes. */
    public static final Held NONE = () -> {
    };

    /**
     * Takes the leases of run {@code runId}. Requests for the same lock file are merged (exclusive
     * wins).
     *
     * @param wait true to wait for other runs; false to refuse at once
     * @throws LeaseRefusedException when {@code wait} is false and another run holds some of the
     *                               data; the message names the data and the other run
     * @throws SluiceException       when a lock file cannot be written for data the run writes, or
     *                               the thread is interrupted while waiting
     */
    public static Held acquire(List<LeaseRequest> requests, String runId, boolean wait) {
        if (requests.isEmpty()) {
            return NONE;
        }
        Map<Path, LeaseRequest> merged = new LinkedHashMap<>();
        for (LeaseRequest r : requests) {
            merged.merge(r.lockFile(), r, (a, b) -> a.mode() == LeaseMode.EXCLUSIVE ? a : b);
        }
        List<LeaseRequest> ordered = new ArrayList<>(merged.values());
        ordered.sort(Comparator.comparing(r -> r.lockFile().toString()));
        Deque<Taken> taken = new ArrayDeque<>();
        try {
            for (LeaseRequest r : ordered) {
                taken.push(take(r, runId, wait));
            }
        } catch (RuntimeException | Error e) {
            releaseAll(taken);
            throw e;
        }
        return () -> releaseAll(taken);
    }

    private static void releaseAll(Deque<Taken> taken) {
        while (!taken.isEmpty()) {
            taken.pop().release();
        }
    }

    private static Taken take(LeaseRequest request, String runId, boolean wait) {
        Entry entry = enter(request.lockFile());
        try {
            Lock lock = request.mode() == LeaseMode.SHARED ? entry.inProcess.readLock() : entry.inProcess.writeLock();
            if (!lock.tryLock()) {
                if (!wait) {
                    throw new LeaseRefusedException(request.what() + " is " + (request.mode() == LeaseMode.SHARED
                            ? "being written" : "in use") + " by run(s) " + entry.holders() + " of this process, so run "
                            + runId + " was refused (the session refuses instead of waiting). Run them one after the "
                            + "other, or give each run its own copy of the data (versioned: true).");
                }
                LOG.info("Run {} waits for {}, held by run(s) {} of this process", runId, request.what(), entry.holders());
                try {
                    lock.lockInterruptibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SluiceException("Run " + runId + " was interrupted while waiting for " + request.what()
                            + ".", e);
                }
            }
            try {
                entry.lockFile(request, runId, wait);
            } catch (RuntimeException | Error e) {
                lock.unlock();
                throw e;
            }
            entry.addHolder(runId);
            return new Taken(entry, lock, request.mode(), runId);
        } catch (RuntimeException | Error e) {
            leave(entry);
            throw e;
        }
    }

    private static Entry enter(Path lockFile) {
        synchronized (TABLE) {
            Entry e = TABLE.computeIfAbsent(lockFile, Entry::new);
            e.users++;
            return e;
        }
    }

    private static void leave(Entry entry) {
        synchronized (TABLE) {
            if (--entry.users == 0) {
                TABLE.remove(entry.lockFile);
            }
        }
    }

    /** How many pieces of data runs of this process hold or wait for (tests: none is left behind). */
    static int inUse() {
        synchronized (TABLE) {
            return TABLE.size();
        }
    }

    /** One lease taken by one run. */
    private record Taken(Entry entry, Lock lock, LeaseMode mode, String runId) {
        void release() {
            try {
                entry.removeHolder(runId);
                entry.unlockFile(mode);
            } finally {
                lock.unlock();
                leave(entry);
            }
        }
    }

    /** One piece of data leased in this process. */
    private static final class Entry {
        final Path lockFile;
        final ReentrantReadWriteLock inProcess = new ReentrantReadWriteLock(true);
        /** Runs of this process holding or waiting for it; guarded by {@link #TABLE}. */
        int users;
        private final List<String> holders = new ArrayList<>();
        private FileChannel channel;
        private FileLock fileLock;
        private int sharedHolders;

        Entry(Path lockFile) {
            this.lockFile = lockFile;
        }

        synchronized void addHolder(String runId) {
            holders.add(runId);
        }

        synchronized void removeHolder(String runId) {
            holders.remove(runId);
        }

        synchronized Set<String> holders() {
            return new TreeSet<>(holders);
        }

        /**
         * Takes the operating-system lock for this process: shared once for all of this process's
         * readers, exclusive for its one writer (which holds the process's write lock, so no reader
         * of this process holds the file lock meanwhile).
         */
        synchronized void lockFile(LeaseRequest request, String runId, boolean wait) {
            boolean shared = request.mode() == LeaseMode.SHARED;
            if (shared && sharedHolders++ > 0) {
                return;
            }
            try {
                try {
                    Files.createDirectories(lockFile.getParent());
                    channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
                    if (shared) {
                        channel = null; // a read-only input: this process's lock is all there is to take
                        return;
                    }
                    throw e;
                }
                fileLock = channel.tryLock(0, Long.MAX_VALUE, shared);
                if (fileLock == null) {
                    String holder = describeHolder();
                    if (!wait) {
                        throw new LeaseRefusedException(request.what() + " is " + (shared ? "being written" : "in use")
                                + " by another process" + holder + ", so run " + runId + " was refused (the session "
                                + "refuses instead of waiting). Run them one after the other, or give each run its "
                                + "own copy of the data (versioned: true).");
                    }
                    LOG.info("Run {} waits for {}, held by another process{}", runId, request.what(), holder);
                    fileLock = channel.lock(0, Long.MAX_VALUE, shared);
                }
                if (!shared) {
                    String who = "run " + runId + " (pid " + ProcessHandle.current().pid() + ")\n";
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
                }
            } catch (IOException e) {
                closeQuietly();
                if (shared) {
                    sharedHolders--;
                }
                throw new SluiceException("Cannot lock " + lockFile + " for " + request.what() + " (run " + runId
                        + "): " + (e instanceof FileSystemException f ? f.getReason() : e.getMessage())
                        + ". Check that the folder is writable.", e);
            } catch (RuntimeException | Error e) {
                closeQuietly();
                if (shared) {
                    sharedHolders--;
                }
                throw e;
            }
        }

        synchronized void unlockFile(LeaseMode mode) {
            if (mode == LeaseMode.SHARED && --sharedHolders > 0) {
                return;
            }
            closeQuietly();
        }

        /** " (run r-1 (pid 42))" from the lock file, as its last exclusive holder wrote it, or "". */
        private String describeHolder() {
            try {
                ByteBuffer buf = ByteBuffer.allocate(256);
                int n = channel.read(buf, 0);
                String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
                return text.isEmpty() ? "" : " (last writer: " + text + ")";
            } catch (IOException e) {
                return "";
            }
        }

        private void closeQuietly() {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // closing the channel releases the lock anyway
            } finally {
                fileLock = null;
                channel = null;
            }
        }
    }
}
