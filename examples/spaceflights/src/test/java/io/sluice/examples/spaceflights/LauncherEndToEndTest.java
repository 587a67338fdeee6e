package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    /** The newest JDK installed under /usr/lib/jvm of version {@code min} or newer, by its release file. */
    private static Optional<Path> installedJdk(int min) throws IOException {
        Path dir = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Pattern version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
        try (Stream<Path> homes = Files.list(dir)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && Files.isRegularFile(h.resolve("release")))
                    .filter(h -> feature(h, version) >= min)
                    .max(Comparator.comparingInt(h -> feature(h, version)));
        }
    }

    private static int feature(Path home, Pattern version) {
        try {
            Matcher m = version.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void onJdk24AndLaterDuckDbLoadsWithoutTheNativeAccessWarningAlsoWithTheAotCache() throws Exception {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        Optional<Path> jdk = installedJdk(24);
        assumeTrue(jdk.isPresent(), "no JDK 24 or newer under /usr/lib/jvm");
        ProjectDirs.copyInputs(project);
        ProjectDirs.copyTree(ProjectDirs.moduleDir().resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));

        // the first run records the AOT cache; the next launch assembles it and runs with it
        for (String which : List.of("recording run", "run with the AOT cache")) {
            CommandResult run = SluiceCommand.launch(LAUNCHER, project, jdk.get(), 180, "-q", "run");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).as(which).contains("succeeded: 6 of 6 nodes");
            assertThat(run.err()).as(which).doesNotContain("restricted method", "enable-native-access");
        }
        // a class path holding a folder (a reactor build stopped before package) has no cache at all
        boolean jarsOnly = Stream.of(Files.readString(CLASSPATH_FILE).strip().split(":"))
                .allMatch(e -> Files.isRegularFile(Path.of(e)));
        if (jarsOnly) {
            try (Stream<Path> cds = Files.list(project.resolve(".sluice/cds"))) {
                assertThat(cds.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("sluice-\\d+-cli\\.aot"));
            }
        }
    }
}
