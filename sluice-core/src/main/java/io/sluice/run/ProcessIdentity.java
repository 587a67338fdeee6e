package io.sluice.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * A process that wrote something Sluice may later find half-done — a journal part, a temporary
 * file of an atomic save, a checksum record: its host, process id and start time. A part or a
 * file whose writer has ended is a leftover, whatever its age; one whose writer still runs is work
 * in progress.
 *
 * <p>Process ids are reused, so a writer is alive only if a process with its id runs <em>and</em>
 * started when the writer did (to the second: platforms report starts to the clock tick). Host
 * names tell processes of different machines (or containers) sharing a folder apart; a writer on
 * another host cannot be checked from here.
 *
 * @param host    the host name (from the kernel, {@code HOSTNAME}, else {@code localhost}); never a
 *                DNS lookup, which can stall for seconds
 * @param pid     the process id
 * @param started the process's start, or {@code null} where the platform does not tell
 */
public record ProcessIdentity(String host, long pid, Instant started) {
    /** This process, read once: none of it changes while the process lives. */
    public static final ProcessIdentity CURRENT = read();

    private static ProcessIdentity read() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(hostName(), self.pid(), self.info().startInstant().orElse(null));
    }

    /** Eight hex digits naming the host in file names (a CRC-32 of its name). */
    public String hostTag() {
        return hostTag(host);
    }

    /** {@link #hostTag()} of a host name. */
    public static String hostTag(String host) {
        CRC32 crc = new CRC32();
        crc.update(host.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** The start in milliseconds, base 36 ({@code 0} when unknown), as file names hold it. */
    public String startTag() {
        return started == null ? "0" : Long.toString(started.toEpochMilli(), 36);
    }

    /** Whether this is the process this code runs in. */
    public boolean isThisProcess() {
        return host.equals(CURRENT.host) && pid == CURRENT.pid && sameStart(CURRENT.started);
    }

    /**
     * Whether this writer is a process that runs now on this host; {@code null} when it ran on
     * another host, which cannot be checked from here.
     */
    public Boolean aliveOnThisHost() {
        return aliveOnThisHost(hostTag(), pid, started);
    }

    /** {@link #aliveOnThisHost()} for a writer known by its host tag, pid and start. */
    public static Boolean aliveOnThisHost(String hostTag, long pid, Instant started) {
        if (!hostTag.equals(CURRENT.hostTag())) {
            return null;
        }
        ProcessIdentity probe = new ProcessIdentity(CURRENT.host, pid, started);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(probe::sameStart).orElse(true))
                .orElse(false);
    }

    private boolean sameStart(Instant other) {
        return started == null || other == null || Math.abs(Duration.between(started, other).toMillis()) < 1000;
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
