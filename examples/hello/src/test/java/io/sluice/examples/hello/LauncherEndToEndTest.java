package io.sluice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as a user runs it: a separate JVM, the class path from
 * {@code target/sluice.classpath}, the AppCDS archive made by the first run and used by the next.
 */
class LauncherEndToEndTest {
    private static final Path LAUNCHER = ExampleProject.SOURCE.resolve("../../bin/sluice").normalize();
    private static final Path CLASSPATH_FILE = ExampleProject.SOURCE.resolve("target/sluice.classpath");

    @TempDir
    Path project;

    record Result(int exitCode, String out, String err) {
    }

    private static Result launch(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-C", dir.toString()));
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

    private void copyBuiltProject() throws IOException {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        ExampleProject.copyTo(project);
        ExampleProject.copyTree(ExampleProject.SOURCE.resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));
    }

    private static boolean classPathIsAllJars() throws IOException {
        return Stream.of(Files.readString(CLASSPATH_FILE).strip().split(File.pathSeparator))
                .allMatch(e -> Files.isRegularFile(Path.of(e)));
    }

    @Test
    void runsTheExampleAndReusesTheClassDataArchive() throws Exception {
        copyBuiltProject();

        Result first = launch(project, "run");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("of pipeline __default__ succeeded: 10 of 10 nodes");
        assertThat(first.err()).contains("INFO  Completed 10 out of 10 nodes: summarise");
        assertThat(ExampleProject.read(project.resolve("data/08_reporting/sales_report.json")))
                .isEqualTo(Expected.SALES_REPORT);
        if (classPathIsAllJars()) {
            try (Stream<Path> archives = Files.list(project.resolve(".sluice/cds"))) {
                assertThat(archives.map(Path::getFileName).map(Path::toString)).singleElement()
                        .satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
            }
        }

        Result second = launch(project, "-q", "run", "-p", "reporting");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("of pipeline reporting succeeded: 7 of 7 nodes");
        assertThat(second.err()).isEmpty();
    }

    @Test
    void errorsExitWithOneAndUsageErrorsWithTwo() throws Exception {
        copyBuiltProject();

        Result unknownNode = launch(project, "run", "--nodes", "no_such_node");
        Result usage = launch(project, "run", "--no-such-option");

        assertThat(unknownNode.exitCode()).isEqualTo(1);
        assertThat(unknownNode.err()).contains("no_such_node");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    @Test
    void withoutABuildTheLauncherSaysWhatToRun() throws Exception {
        ExampleProject.copyTo(project);

        Result r = launch(project, "run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("target/sluice.classpath is missing", "mvn -q package -DskipTests");
    }
}
