package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as the README runs it: a separate JVM on the class path from
 * {@code target/sluice.classpath}, the whole project, then one pipeline of it.
 */
class LauncherEndToEndTest {
    private static final Path LAUNCHER = ExampleProject.SOURCE.resolve("../../bin/sluice").normalize();
    private static final Path CLASSPATH_FILE = ExampleProject.SOURCE.resolve("target/sluice.classpath");

    @TempDir
    Path project;

    record Result(int exitCode, String out, String err) {
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-C", project.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().remove("SLUICE_ENV");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("sluice-out", ".txt");
        Path err = Files.createTempFile("sluice-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/sluice finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void runsTheWholeProjectThenTheDataSciencePipelineAlone() throws Exception {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        ExampleProject.copyTo(project);
        ExampleProject.copyTree(ExampleProject.SOURCE.resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));

        Result all = launch("run");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("of pipeline __default__ succeeded: 6 of 6 nodes");
        assertThat(all.err()).contains("INFO  Completed 6 out of 6 nodes: evaluate_model");
        assertThat(project.resolve("data/08_reporting/metrics.json")).isNotEmptyFile();

        Result dataScience = launch("-q", "run", "-p", "data_science");

        assertThat(dataScience.exitCode()).as(dataScience.err()).isZero();
        assertThat(dataScience.out()).contains("of pipeline data_science succeeded: 3 of 3 nodes");
    }
}
