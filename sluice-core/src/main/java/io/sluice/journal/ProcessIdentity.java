package io.sluice.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Which process wrote a journal part: host name, process id and the process's start time. A
 * part without an end is still running only if that very process is alive, so a process id
 * reused by another program does not make a dead run look alive.
 *
 * @param host    the host name (from the kernel, {@code HOSTNAME}, else {@code localhost}); never a
 *                DNS lookup, which can stall for seconds
 * @param pid     the process id
 * @param started the process's start, or {@code null} where the platform does not tell
 */
record ProcessIdentity(String host, long pid, Instant started) {

    static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(hostName(), self.pid(), self.info().startInstant().orElse(null));
    }

    /** Whether this identity names the process this code runs in. */
    boolean isThisProcess(String localHost) {
        return host.equals(localHost) && pid == ProcessHandle.current().pid() && alive(localHost);
    }

    /** Whether this identity names a process that is alive now, on this host. */
    boolean alive(String localHost) {
        if (!host.equals(localHost)) {
            return false; // another machine: it cannot be checked from here, and a dead run must not look alive
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // journals keep the start to the millisecond: a process reusing the pid starts later than that
                .map(p -> started == null || p.info().startInstant()
                        .map(s -> Math.abs(Duration.between(s, started).toMillis()) < 1000).orElse(true))
                .orElse(false);
    }

    static String hostName() {
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
