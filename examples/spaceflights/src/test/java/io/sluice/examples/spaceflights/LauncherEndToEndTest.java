package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as the README runs it: a separate JVM on the class path from
 * {@code target/sluice.classpath}, the whole project, then one pipeline of it.
 */
class LauncherEndToEndTest {
    private static final Path LAUNCHER = ProjectDirs.moduleDir().resolve("../../bin/sluice").normalize();
    private static final Path CLASSPATH_FILE = ProjectDirs.moduleDir().resolve("target/sluice.classpath");

    @TempDir
    Path project;

    private CommandResult launch(String... args) throws IOException, InterruptedException {
        return SluiceCommand.launch(LAUNCHER, project, 120, args);
    }

    @Test
    void runsTheWholeProjectThenTheDataSciencePipelineAlone() throws Exception {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        ProjectDirs.copyInputs(project);
        ProjectDirs.copyTree(ProjectDirs.moduleDir().resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));

        CommandResult all = launch("run");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("of pipeline __default__ succeeded: 6 of 6 nodes");
        assertThat(all.err()).contains("INFO  Completed 6 out of 6 nodes: evaluate_model");
        assertThat(project.resolve("data/08_reporting/metrics.json")).isNotEmptyFile();

        CommandResult dataScience = launch("-q", "run", "-p", "data_science");

        assertThat(dataScience.exitCode()).as(dataScience.err()).isZero();
        assertThat(dataScience.out()).contains("of pipeline data_science succeeded: 3 of 3 nodes");
    }
}
