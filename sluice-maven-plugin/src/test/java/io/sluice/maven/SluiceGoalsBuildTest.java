package io.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.PrivateRepository;
import io.sluice.cli.SluiceMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn sluice:run} in a project made by {@code sluice new} with this plugin added to its
 * pom: a real, offline Maven on a {@link PrivateRepository} holding this build's Sluice and
 * plugin (its classes packed with the descriptor maven-plugin-plugin wrote), bounded in time.
 * The goal compiles the project, runs the CLI on its class path plus the CLI's, and passes the
 * options through to the CLI's own parser: a run with parameters, and a bad option that fails
 * the build with the CLI's usage error.
 */
@DisabledOnOs(OS.WINDOWS)
class SluiceGoalsBuildTest {
    /** The repository root: Surefire runs the tests in sluice-maven-plugin/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** The Sluice modules the plugin resolves: the CLI and the modules it depends on. */
    private static final List<String> MODULES = List.of("sluice-core", "sluice-server", "sluice-viz", "sluice-deploy",
            "sluice-temporal", "sluice-cli", "sluice-maven-plugin");
    private static final long TIMEOUT_SECONDS = 600;

    @TempDir
    static Path tmp;

    private static Path project;
    private static Path repo;

    @BeforeAll
    static void generate() throws Exception {
        repo = PrivateRepository.create(tmp, ROOT, MODULES);
        StringWriter err = new StringWriter();
        int created = SluiceMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "new", "demo",
                "--dir", tmp.toString());
        assertThat(created).as(err.toString()).isZero();
        project = tmp.resolve("demo");
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        String plugins = "\n    <plugins>\n"; // the build's plugins (pluginManagement's are indented more)
        int at = text.indexOf(plugins) + plugins.length();
        assertThat(at).isGreaterThan(plugins.length());
        Files.writeString(pom, text.substring(0, at) + """
                      <plugin>
                        <groupId>io.sluice</groupId>
                        <artifactId>sluice-maven-plugin</artifactId>
                        <version>${sluice.version}</version>
                      </plugin>
                """ + text.substring(at));
    }

    private static PrivateRepository.Result mvn(String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = PrivateRepository.maven();
        command[1] = "-B";
        command[2] = "-o";
        command[3] = "-Dmaven.repo.local=" + repo;
        command[4] = "-Dstyle.color=never";
        System.arraycopy(args, 0, command, 5, args.length);
        return PrivateRepository.run(project, tmp, TIMEOUT_SECONDS, command);
    }

    @Test
    void sluiceRunCompilesTheProjectAndRunsItsPipelineWithTheGivenOptions() throws Exception {
        PrivateRepository.Result r = mvn("sluice:run", "-Dsluice.args=-p weather --params cleaning.maxCelsius=20");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("of pipeline weather succeeded: 3 of 3 nodes");
        // cairo's readings (19.5 and 21.0) lose the one above 20
        assertThat(Files.readString(project.resolve("data/08_reporting/weather_report.txt")))
                .startsWith("3 stations, 6 readings\n");
    }

    @Test
    void aBadOptionFailsTheBuildWithTheClisUsageError() throws Exception {
        PrivateRepository.Result r = mvn("sluice:run", "-Dsluice.args=--no-such-option");

        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("--no-such-option", "sluice run failed with exit code 2");
    }
}
