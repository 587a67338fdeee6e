package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project made by {@code sluice new} builds and passes its own tests: {@code mvn -B -q -o test}
 * in it, a separate Maven as a user would run it, then {@code bin/sluice run} on the result; and
 * its dependency footprint (the jars of its runtime class path, which the CLI's is added to at
 * launch) stays small.
 *
 * <p><b>Where the generated build finds Sluice.</b> The generated pom imports
 * {@code io.sluice:sluice-bom:<this version>} and depends on {@code io.sluice:sluice-core}, which
 * the second Maven resolves from a {@link PrivateRepository} holding sluice-core (and the parent
 * and BOM poms) alone: the generated project must build with these (bin/sluice brings the CLI
 * from this checkout's sluice-cli/target). Then {@code mvn -B -q -o test
 * -Dmaven.repo.local=<that repository>}. Offline works because the generated pom pins the
 * plugins of the parent pom's pluginManagement and the JUnit and AssertJ versions of this build
 * ({@link VersionsTest}).
 *
 * <p>Cost: the build is one Maven start, two compilations and a Surefire fork, about 6 s on an
 * idle machine and 15 to 30 s on 2 loaded cores; the launcher run about 1 s. Not on Windows
 * (symbolic links need privileges there, and bin/sluice needs bash).
 */
@DisabledOnOs(OS.WINDOWS)
class NewProjectBuildTest {
    /** sluice-cli's directory: Surefire runs the tests there. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final List<String> MODULES = List.of("sluice-core");
    /** The most the generated project's runtime class path may weigh (issue 17). */
    private static final long FOOTPRINT_LIMIT_BYTES = 15L * 1024 * 1024;
    private static final long BUILD_TIMEOUT_SECONDS = 600;

    @TempDir
    static Path tmp;

    private static Path project;
    private static PrivateRepository.Result build;

    @BeforeAll
    static void generateAndBuild() throws Exception {
        Path repo = PrivateRepository.create(tmp, ROOT, MODULES);
        Cli created = Cli.run("new", "weather-demo", "--dir", tmp.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        project = tmp.resolve("weather-demo");

        build = PrivateRepository.run(project, tmp, BUILD_TIMEOUT_SECONDS, PrivateRepository.maven(), "-B", "-q", "-o", "test",
                "-Dmaven.repo.local=" + repo, "-Dstyle.color=never");
    }

    @Test
    void theGeneratedProjectBuildsAndPassesItsTests() throws IOException {
        assertThat(build.exitCode()).as("mvn -B -q -o test in the generated project:%n%s", build.output()).isZero();
        assertThat(Files.readString(project.resolve(
                "target/surefire-reports/com.example.weather_demo.WeatherPipelineTest.txt")))
                .contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(Files.readString(project.resolve("target/sluice.classpath")))
                .contains(tmp.resolve("repo/io/sluice/sluice-core").toString())
                .doesNotContain("sluice-cli");
    }

    @Test
    void itsDependencyFootprintIsAtMost15MB() throws IOException {
        assertThat(build.exitCode()).as("the build: %s", build.output()).isZero();
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(project.resolve("target/sluice.classpath")).strip().split(File.pathSeparator)) {
            jars.add(Path.of(entry));
        }
        long bytes = 0;
        StringBuilder listing = new StringBuilder();
        for (Path jar : jars) {
            assertThat(jar).as("a jar of the class path").isRegularFile();
            bytes += Files.size(jar);
            listing.append(String.format("%,12d  %s%n", Files.size(jar), jar.getFileName()));
        }
        // The figure for BENCHMARKS.md: in target/surefire-reports/io.sluice.cli.NewProjectBuildTest-output.txt.
        System.out.printf("FOOTPRINT sluice new project: %d jars, %,d bytes (%.1f MB)%n%s", jars.size(), bytes,
                bytes / 1024.0 / 1024.0, listing);
        assertThat(bytes).as("the runtime class path of the generated project:%n%s", listing)
                .isLessThanOrEqualTo(FOOTPRINT_LIMIT_BYTES);
    }

    @Test
    void theLauncherRunsItsPipeline() throws Exception {
        assertThat(build.exitCode()).as("the build: %s", build.output()).isZero();

        PrivateRepository.Result run = PrivateRepository.run(project, tmp, 120, ROOT.resolve("bin/sluice").toString(),
                "-q", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("of pipeline __default__ succeeded: 3 of 3 nodes");
        assertThat(Files.readString(project.resolve("data/08_reporting/weather_report.txt")))
                .isEqualTo("3 stations, 7 readings\nwarmest: cairo (mean 20.3 C)\ncoldest: oslo (mean -2.3 C)\n");
    }
}
