package io.sluice.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {
    @TempDir
    Path project;

    @BeforeEach
    void writeConfig() throws Exception {
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.writeString(project.resolve("conf/base/parameters.yml"), "name: world\n");
        Files.writeString(project.resolve("conf/base/catalog.yml"),
                "greeting:\n  type: text\n  filepath: data/greeting.txt\n");
    }

    @Test
    void runsTheCommandInProcessAgainstTheProjectAndCapturesItsOutput() {
        CommandResult r = SluiceCommand.run(project, "run", "-p", "greeting", "--params", "name=kit");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("of pipeline greeting succeeded: 1 of 1 nodes");
        assertThat(ProjectDirs.read(project.resolve("data/greeting.txt"))).isEqualTo("hello kit");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndError() {
        CommandResult r = SluiceCommand.run(project, "run", "-p", "nope");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("nope");
    }
}
