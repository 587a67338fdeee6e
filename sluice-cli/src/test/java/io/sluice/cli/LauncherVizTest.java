package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice viz --from FILE} in a directory that is no project: like {@code sluice new}, it
 * runs on the installation's class path (kedro-viz needs the whole project importable to draw).
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherVizTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("sluice");

    @TempDir
    Path cwd;
    @TempDir
    Path project;
    @TempDir
    Path services;

    @Test
    void drawsAnExportedDocumentOutsideAnyProject() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("target/sluice-cli.classpath")),
                "target/sluice-cli.classpath is written by the build; run the test through Maven");
        Path doc = cwd.resolve("pipeline.json");
        GroupsTestProject.write(project, services);
        Cli export = RunsTestProject.sluice(project, services, "pipelines", "export", "-p", "shop", "-o",
                doc.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        ProcessBuilder pb = new ProcessBuilder(List.of(LAUNCHER.toString(), "viz", "--from", doc.toString(),
                "--export", "site")).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(cwd.resolve("site/index.html")).isRegularFile();
        assertThat(Files.readString(cwd.resolve("site/api/pipelines.json"))).contains("\"shop\"");
    }
}
