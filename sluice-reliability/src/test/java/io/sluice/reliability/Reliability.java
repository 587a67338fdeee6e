package io.sluice.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the reliability tests share: child JVMs and the totals they report. */
final class Reliability {
    private Reliability() {
    }

    /** Starts {@code main} in a child JVM on this test's class path, output discarded. */
    static Process java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a suite's totals on one line, for RELIABILITY.md: {@code RELIABILITY killed runs: a=1, b=2}. */
    static void report(String suite, Map<String, Integer> totals) {
        System.out.println("RELIABILITY " + suite + ": " + new TreeMap<>(totals));
    }
}
