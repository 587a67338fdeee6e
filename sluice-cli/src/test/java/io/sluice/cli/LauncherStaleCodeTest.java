package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} never runs stale code: a source or resource of the project newer than its
 * compiled classes stops the launch with the file and the command that compiles it, unless
 * {@code --no-build-check} (or {@code SLUICE_BUILD_CHECK=off}) says to run the old classes.
 * Launched dry ({@code SLUICE_LAUNCHER_DRY_RUN=1}: the java command is printed, not run).
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherStaleCodeTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("sluice");
    private static final Instant COMPILED = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path project;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeEach
    void compiledProject() throws Exception {
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/sluice.classpath"), "");
        write("src/main/java/com/acme/Nodes.java", "class Nodes {}", COMPILED.minusSeconds(60));
        write("src/main/resources/META-INF/services/io.sluice.project.Project", "com.acme.P\n", COMPILED.minusSeconds(60));
        write("target/classes/com/acme/Nodes.class", "", COMPILED);
        write("target/classes/META-INF/services/io.sluice.project.Project", "com.acme.P\n", COMPILED);
    }

    private void write(String file, String text, Instant mtime) throws Exception {
        Path p = project.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        for (Path dir = p.getParent(); dir.startsWith(project) && !dir.equals(project); dir = dir.getParent()) {
            Files.setLastModifiedTime(dir, FileTime.from(COMPILED.minusSeconds(120)));
        }
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("target/sluice-cli.classpath")),
                "target/sluice-cli.classpath is written by the build; run the test through Maven");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-C", project.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().remove("SLUICE_BUILD_CHECK");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SLUICE_CDS", "off");
        pb.environment().put("SLUICE_LAUNCHER_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/sluice finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void classesNewerThanEverySourceRun() throws Exception {
        Result r = launch(Map.of(), "run", "-q");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("io.sluice.cli.SluiceMain").contains(" run -q");
    }

    @Test
    void anEditedSourceStopsTheLaunchNamingItAndTheCompileCommand() throws Exception {
        write("src/main/java/com/acme/Nodes.java", "class Nodes { int edited; }", COMPILED.plusSeconds(5));

        Result r = launch(Map.of(), "run", "-q");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("sluice: the project's code changed since it was compiled: "
                + "src/main/java/com/acme/Nodes.java is newer than its classes in target/classes, so this would run "
                + "the old code.\nCompile it first:  (cd '" + project.toRealPath() + "' && mvn -q compile)\n"
                + "or run the old classes anyway:  sluice --no-build-check ...  (or SLUICE_BUILD_CHECK=off)\n");
    }

    @Test
    void anEditedResourceAndARemovedSourceAreStaleToo() throws Exception {
        write("src/main/resources/META-INF/services/io.sluice.project.Project", "com.acme.Q\n", COMPILED.plusSeconds(5));
        assertThat(launch(Map.of(), "pipelines", "list").err())
                .contains("src/main/resources/META-INF/services/io.sluice.project.Project is newer than its classes");

        write("src/main/resources/META-INF/services/io.sluice.project.Project", "com.acme.P\n", COMPILED.minusSeconds(60));
        Files.setLastModifiedTime(project.resolve("src/main/java/com/acme"), FileTime.from(COMPILED.plusSeconds(5)));
        assertThat(launch(Map.of(), "pipelines", "list").err())
                .contains("src/main/java/com/acme is newer than its classes"); // a file added or removed there
    }

    @Test
    void theFlagOrTheVariableRunsTheOldClassesAndTheFlagIsNotPassedOn() throws Exception {
        write("src/main/java/com/acme/Nodes.java", "class Nodes { int edited; }", COMPILED.plusSeconds(5));

        Result flag = launch(Map.of(), "run", "--no-build-check", "-q");
        Result variable = launch(Map.of("SLUICE_BUILD_CHECK", "off"), "run", "-q");

        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.out()).contains(" run -q").doesNotContain("no-build-check");
        assertThat(variable.exitCode()).as(variable.err()).isZero();
        assertThat(variable.out()).contains(" run -q");
    }
}
