package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} in a directory that is no project: {@code new}, {@code help}, {@code --help}
 * and {@code --version} run the CLI on {@code sluice-cli/target/classes} and
 * {@code target/sluice-cli.classpath}, which this module's build writes before the tests run;
 * every other command says it is not a project and how to name one.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherOutsideProjectTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("sluice");

    @TempDir
    Path cwd;

    record Result(int exitCode, String out, String err) {
    }

    private Result launch(String... args) throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("target/sluice-cli.classpath")),
                "target/sluice-cli.classpath is written by the build; run the test through Maven");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("sluice-out", ".txt");
        Path err = Files.createTempFile("sluice-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/sluice finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void createsAProjectOutsideAnyProject() throws Exception {
        Result r = launch("new", "demo");

        Path project = cwd.toRealPath().resolve("demo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Created project demo in " + project + "\n")
                .contains("  cd " + NewCommand.shellQuote(project.toString()) + " && mvn -q package\n",
                        "  " + NewCommand.shellQuote(LAUNCHER.toRealPath().toString()) + " run\n");
        assertThat(project.resolve("src/main/java/com/example/demo/DemoProject.java")).isRegularFile();
    }

    @Test
    void refusesAnExistingProjectThroughTheLauncherToo() throws Exception {
        Files.createDirectories(cwd.resolve("demo/conf"));

        Result r = launch("-C", cwd.toString(), "new", "demo");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error: Directory " + cwd.resolve("demo") + " already exists and is not empty; "
                + "sluice new never overwrites anything. Choose another name or --dir.\n");
    }

    @Test
    void helpAndVersionNeedNoProject() throws Exception {
        Result help = launch("--help");
        Result version = launch("--version");
        Result helpRun = launch("help", "run");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: sluice ");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("sluice ").contains("\nJava ");
        assertThat(helpRun.exitCode()).as(helpRun.err()).isZero();
        assertThat(helpRun.out()).startsWith("Usage: sluice run ");
    }

    @Test
    void otherCommandsOutsideAProjectSaySoInsteadOfAskingForABuild() throws Exception {
        for (List<String> args : List.of(List.of("run"), List.of("pipelines", "list"), List.of("-v", "catalog", "list"))) {
            Result r = launch(args.toArray(String[]::new));

            assertThat(r.exitCode()).as("%s: %s", args, r.err()).isEqualTo(1);
            assertThat(r.err()).as("%s", args).isEqualTo("sluice: not a Sluice project (no conf/ here; use -C DIR): "
                    + cwd.toRealPath() + "\nTo start one:  sluice new NAME\n");
        }
    }

    @Test
    void aProjectThatIsNotBuiltYetIsAskedToBuild() throws Exception {
        Files.createDirectories(cwd.resolve("conf/base"));

        Result r = launch("run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("target/sluice.classpath is missing", "mvn -q package -DskipTests")
                .doesNotContain("not a Sluice project");
    }
}
