package io.sluice.launch.process;

import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of one group's process: the {@code sluice} command ({@code command:}, or this
 * JVM running {@value #MAIN} on its own class path and project class path), the project
 * directory, and the group's run spec as JSON — pipeline, group, run id, environment, runner,
 * parameters and pinned versions, exactly.
 */
final class ChildCommand {
    /** The command line's main class, named here so that the core does not depend on sluice-cli. */
    static final String MAIN = "io.sluice.cli.SluiceMain";
    /** The system property with the project's own classes ({@code bin/sluice} sets it). */
    static final String PROJECT_CLASSPATH = "sluice.project.classpath";

    private ChildCommand() {
    }

    /** The command of this JVM: its java, its project class path, its class path, the CLI's main class. */
    static List<String> thisJvm() {
        return thisJvm(Runtime.version().feature());
    }

    /**
     * {@link #thisJvm()} for a java of version {@code javaFeature}: on 24 and later with native
     * access enabled, as {@code bin/sluice} runs it (JDK 24+ warns when DuckDB or ONNX Runtime load
     * their native library, JEP 472; on 17-23 the option would only switch off the JDK's archived
     * module graph).
     */
    static List<String> thisJvm(int javaFeature) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        if (javaFeature >= 24) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        Optional.ofNullable(System.getProperty(PROJECT_CLASSPATH))
                .ifPresent(p -> command.add("-D" + PROJECT_CLASSPATH + "=" + p));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        return command;
    }

    /** {@code base} with a first element containing a slash resolved against {@code projectDir}. */
    static List<String> resolved(List<String> base, Path projectDir) {
        if (base.isEmpty()) {
            return thisJvm();
        }
        List<String> command = new ArrayList<>(base);
        String first = command.get(0);
        if (first.contains("/") && !Path.of(first).isAbsolute()) {
            command.set(0, projectDir.resolve(first).toString());
        }
        return command;
    }

    /** {@code sluice -C DIR run --spec JSON} of {@code spec} with {@code base} as the sluice command. */
    static List<String> of(List<String> base, Path projectDir, RunSpec spec) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of("-C", projectDir.toString(), "run", "--spec", spec.toJson()));
        return command;
    }
}
