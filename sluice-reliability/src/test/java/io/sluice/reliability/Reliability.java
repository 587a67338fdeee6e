package io.sluice.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /**
     * A real {@code sluice} command line ({@code io.sluice.cli.SluiceMain}) in a child JVM, finding
     * the project class {@code project} through a {@code META-INF/services} entry written under
     * {@code services} (the project class path the launcher passes); output to {@code log}.
     */
    static Process sluice(Class<?> project, Path services, Path log, String... args) {
        try {
            Path entry = services.resolve("META-INF/services/io.sluice.project.Project");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, project.getName() + "\n");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Dsluice.project.classpath=" + services, "-cp",
                    System.getProperty("java.class.path"), "io.sluice.cli.SluiceMain"));
            command.addAll(List.of(args));
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints a suite's totals on one line, for RELIABILITY.md: {@code RELIABILITY killed runs: a=1, b=2}. */
    static void report(String suite, Map<String, Integer> totals) {
        System.out.println("RELIABILITY " + suite + ": " + new TreeMap<>(totals));
    }
}
