package io.sluice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as a user runs it: a separate JVM, the class path from
 * {@code target/sluice.classpath}, the AppCDS archive made by the first run and used by the next.
 */
class LauncherEndToEndTest {
    private static final Path LAUNCHER = ProjectDirs.moduleDir().resolve("../../bin/sluice").normalize();
    private static final Path CLASSPATH_FILE = ProjectDirs.moduleDir().resolve("target/sluice.classpath");

    @TempDir
    Path project;

    private static CommandResult launch(Path dir, String... args) throws IOException, InterruptedException {
        return SluiceCommand.launch(LAUNCHER, dir, 120, args);
    }

    private void copyBuiltProject() throws IOException {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        ProjectDirs.copyInputs(project);
        ProjectDirs.copyTree(ProjectDirs.moduleDir().resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));
    }

    private static boolean classPathIsAllJars() throws IOException {
        return Stream.of(Files.readString(CLASSPATH_FILE).strip().split(File.pathSeparator))
                .allMatch(e -> Files.isRegularFile(Path.of(e)));
    }

    @Test
    void runsTheExampleAndReusesTheClassDataArchive() throws Exception {
        copyBuiltProject();

        CommandResult first = launch(project, "run");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("of pipeline __default__ succeeded: 10 of 10 nodes");
        assertThat(first.err()).contains("INFO  Completed 10 out of 10 nodes: summarise");
        assertThat(ProjectDirs.read(project.resolve("data/08_reporting/sales_report.json")))
                .isEqualTo(Expected.SALES_REPORT);
        if (classPathIsAllJars()) {
            try (Stream<Path> archives = Files.list(project.resolve(".sluice/cds"))) {
                assertThat(archives.map(Path::getFileName).map(Path::toString)).singleElement()
                        .satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
            }
        }

        CommandResult second = launch(project, "-q", "run", "-p", "reporting");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("of pipeline reporting succeeded: 7 of 7 nodes");
        assertThat(second.err()).isEmpty();
    }

    @Test
    void errorsExitWithOneAndUsageErrorsWithTwo() throws Exception {
        copyBuiltProject();

        CommandResult unknownNode = launch(project, "run", "--nodes", "no_such_node");
        CommandResult usage = launch(project, "run", "--no-such-option");

        assertThat(unknownNode.exitCode()).isEqualTo(1);
        assertThat(unknownNode.err()).contains("no_such_node");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    @Test
    void withoutABuildTheLauncherSaysWhatToRun() throws Exception {
        ProjectDirs.copyInputs(project);

        CommandResult r = launch(project, "run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("target/sluice.classpath is missing", "mvn -q package -DskipTests");
    }
}
