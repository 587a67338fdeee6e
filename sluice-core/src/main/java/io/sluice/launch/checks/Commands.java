package io.sluice.launch.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of a check or an after-action: argv as given (no shell), in the project
 * directory, with exactly the given environment, standard output and error merged and the last
 * {@value #KEPT_BYTES} bytes kept; after the timeout the process and its descendants are killed.
 */
final class Commands {
    static final int KEPT_BYTES = 64 * 1024;
    static final int SHOWN_LINES = 15;

    private Commands() {
    }

    /**
     * How a command ended.
     *
     * @param exitCode   its exit code; -1 when it did not start or timed out
     * @param timedOut   whether it was killed after the timeout
     * @param startError why it could not start, or null
     * @param output     the end of what it printed
     */
    record Result(int exitCode, boolean timedOut, String startError, String output) {
        boolean ok() {
            return startError == null && !timedOut && exitCode == 0;
        }

        /** The last {@link #SHOWN_LINES} lines of output, indented, or "(no output)". */
        String tail() {
            List<String> lines = Arrays.asList(output.strip().split("\\R"));
            if (output.isBlank()) {
                return "(no output)";
            }
            List<String> shown = lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size());
            return "last lines of output:\n      " + String.join("\n      ", shown);
        }

        /** What went wrong, for a message: "exited with 3; last lines of output: ...". */
        String problem(Duration timeout) {
            if (startError != null) {
                return "could not start: " + startError;
            }
            if (timedOut) {
                return "did not end within " + Durations.show(timeout) + " and was killed with its child processes; "
                        + tail();
            }
            return "exited with " + exitCode + "; " + tail();
        }
    }

    static Result run(List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
        List<String> command = new ArrayList<>(argv);
        String program = command.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            command.set(0, dir.resolve(program).toString()); // relative to the project, not to the JVM's directory
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Result(-1, false, e.getMessage(), "");
        }
        Tail tail = new Tail(process.getInputStream());
        Thread reader = new Thread(tail, "sluice-checks-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!ended) {
                kill(process);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return new Result(ended ? process.exitValue() : -1, !ended, null, tail.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Result(-1, false, "interrupted", tail.text());
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end, keeping its last {@link #KEPT_BYTES} bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[KEPT_BYTES];
        private long total;

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % KEPT_BYTES)] = buf[i];
                        }
                    }
                }
            } catch (IOException closed) {
                // the process was killed: keep what was read
            }
        }

        synchronized String text() {
            int size = (int) Math.min(total, KEPT_BYTES);
            byte[] out = new byte[size];
            long start = total - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % KEPT_BYTES)];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** Durations as runners.yml writes them. */
    static final class Durations {
        private Durations() {
        }

        static String show(Duration d) {
            if (d.toMillis() % 1000 != 0) {
                return d.toMillis() + "ms";
            }
            return d.toSeconds() + "s";
        }
    }
}
