package io.sluice.test;

import io.sluice.cli.SluiceMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code sluice} command, run against a project directory in a test. */
public final class SluiceCommand {
    private SluiceCommand() {
    }

    /**
     * Runs {@code sluice -C project args...} in this JVM (the project's classes must be on the test
     * class path) and returns what it printed.
     */
    public static CommandResult run(Path project, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceMain.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                withProject(project.toString(), args).toArray(String[]::new));
        return new CommandResult(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code launcher -C project args...} (the {@code bin/sluice} script) as a separate
     * process, as a user does: with this JVM's {@code JAVA_HOME}, without {@code SLUICE_JAVA_OPTS}
     * and {@code SLUICE_ENV} from the environment.
     *
     * @throws IllegalStateException when it has not finished within {@code timeoutSeconds}
     */
    public static CommandResult launch(Path launcher, Path project, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return launch(launcher, project, Path.of(System.getProperty("java.home")), timeoutSeconds, args);
    }

    /**
     * {@link #launch(Path, Path, long, String...)} with the JDK at {@code javaHome} (its
     * {@code JAVA_HOME}) instead of this JVM's.
     *
     * @throws IllegalStateException when it has not finished within {@code timeoutSeconds}
     */
    public static CommandResult launch(Path launcher, Path project, Path javaHome, long timeoutSeconds,
                                       String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(withProject(project.toString(), args));
        pb.command().add(0, launcher.toString());
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().remove("SLUICE_ENV");
        pb.environment().remove("SLUICE_JDK");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        Path out = Files.createTempFile("sluice-out", ".txt");
        Path err = Files.createTempFile("sluice-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(launcher + " did not finish within " + timeoutSeconds + " s: "
                        + pb.command());
            }
            return new CommandResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> withProject(String project, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", project));
        all.addAll(List.of(args));
        return all;
    }
}
