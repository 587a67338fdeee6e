package io.sluice.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * The process that writes a file: its host, process id and start time. Temporary files of atomic
 * writes carry it in their names and checksum records in their content, so that a leftover can be
 * told from a write in progress: a file whose writer has ended is stale, whatever its age.
 *
 * <p>Process ids are reused, so a writer is alive only if a process with its id runs <em>and</em>
 * started when the writer did. Host names tell processes of different machines (or containers)
 * sharing a folder apart; a writer on another host cannot be checked from here, so it counts as
 * alive (see {@link #aliveOnThisHost}).
 *
 * @param host    the host name (from the kernel, {@code HOSTNAME}, else {@code localhost}); never a
 *                DNS lookup, which can stall for seconds
 * @param pid     the process id
 * @param started the process's start, or {@code null} where the platform does not tell
 */
record WriterProcess(String host, long pid, Instant started) {
    /** This process, read once: none of it changes while the process lives. */
    static final WriterProcess CURRENT = current();

    private static WriterProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new WriterProcess(hostName(), self.pid(), self.info().startInstant().orElse(null));
    }

    /** Eight hex digits naming the host in temporary file names (a CRC-32 of its name). */
    String hostTag() {
        return hostTag(host);
    }

    static String hostTag(String host) {
        CRC32 crc = new CRC32();
        crc.update(host.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** The start in milliseconds, base 36 ({@code 0} when unknown), as temporary file names hold it. */
    String startTag() {
        return started == null ? "0" : Long.toString(started.toEpochMilli(), 36);
    }

    /**
     * Whether this writer is a process that runs now on this host; {@code null} when it ran on
     * another host, which cannot be checked from here.
     */
    Boolean aliveOnThisHost() {
        return aliveOnThisHost(hostTag(), pid, started);
    }

    /** {@link #aliveOnThisHost()} for a writer known by its host tag. */
    static Boolean aliveOnThisHost(String hostTag, long pid, Instant started) {
        if (!hostTag.equals(CURRENT.hostTag())) {
            return null;
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // a process reusing the id started later; the platform reports starts to the clock tick
                .map(p -> started == null || p.info().startInstant()
                        .map(s -> Math.abs(Duration.between(s, started).toMillis()) < 1000).orElse(true))
                .orElse(false);
    }

    private static String hostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        if (env == null || env.isBlank()) {
            env = System.getenv("COMPUTERNAME");
        }
        return env == null || env.isBlank() ? "localhost" : env.trim();
    }
}
