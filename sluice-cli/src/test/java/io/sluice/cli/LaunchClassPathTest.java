package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's class path plus the CLI's, by the rule bin/sluice follows too. */
class LaunchClassPathTest {
    private static final String REPO = "/home/u/.m2/repository/";

    private static Path repo(String path) {
        return Path.of(REPO + path);
    }

    @Test
    void entriesAreKnownByArtifactIdAndClassifierWhateverTheirVersion() {
        assertThat(LaunchClassPath.key(repo("com/fasterxml/jackson/core/jackson-core/2.20.1/jackson-core-2.20.1.jar")))
                .isEqualTo("jackson-core");
        assertThat(LaunchClassPath.key(repo("org/x/native/1.0/native-1.0-linux-x86_64.jar")))
                .isEqualTo("native-linux-x86_64");
        assertThat(LaunchClassPath.key(Path.of("/src/sluice/sluice-core/target/classes"))).isEqualTo("sluice-core");
        assertThat(LaunchClassPath.key(Path.of("/src/sluice/sluice-core/target/sluice-core-0.1.0.jar")))
                .isEqualTo("sluice-core");
        assertThat(LaunchClassPath.key(Path.of("/opt/lib/odd.jar"))).isEqualTo("/opt/lib/odd.jar");
    }

    @Test
    void theProjectsCopyOfALibraryWinsAndTheCliAddsWhatTheProjectLacks() {
        List<Path> project = List.of(repo("io/sluice/sluice-core/0.1.0/sluice-core-0.1.0.jar"),
                repo("com/fasterxml/jackson/core/jackson-core/2.21.0/jackson-core-2.21.0.jar"));
        List<Path> cli = List.of(Path.of("/src/sluice/sluice-cli/target/sluice-cli-0.1.0.jar"),
                Path.of("/src/sluice/sluice-core/target/sluice-core-0.1.0.jar"),
                repo("com/fasterxml/jackson/core/jackson-core/2.20.1/jackson-core-2.20.1.jar"),
                repo("ch/qos/logback/logback-classic/1.5.21/logback-classic-1.5.21.jar"));

        assertThat(LaunchClassPath.merge(project, cli)).containsExactly(project.get(0), project.get(1), cli.get(0),
                cli.get(3));
    }

    @Test
    void anOlderCliOnTheProjectsClassPathIsLeftOutSoTheRunningOneIsUsed() {
        Path oldCli = repo("io/sluice/sluice-cli/0.0.9/sluice-cli-0.0.9.jar");
        Path core = repo("io/sluice/sluice-core/0.0.9/sluice-core-0.0.9.jar");
        Path newCli = Path.of("/src/sluice/sluice-cli/target/classes");

        assertThat(LaunchClassPath.merge(List.of(oldCli, core), List.of(newCli))).containsExactly(core, newCli);
    }
}
