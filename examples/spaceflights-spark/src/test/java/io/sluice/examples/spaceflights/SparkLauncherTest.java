package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.spark.SparkJvmOptions;
import io.sluice.test.ProjectDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code bin/sluice} starts this project's JVM with Spark's module options, exactly
 * {@link SparkJvmOptions#REQUIRED} (the launcher keeps its own copy of the list), because
 * sluice-spark is on its class path; and the spaceflights project, without Spark, without them.
 */
@DisabledOnOs(OS.WINDOWS)
class SparkLauncherTest {
    private static final Path LAUNCHER = ProjectDirs.moduleDir().getParent().resolveSibling("bin").resolve("sluice");

    /** The java command the launcher would run for {@code project} (dry run, no archive). */
    private static List<String> command(Path project) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "-C", project.toString(), "run", "-e", "spark",
                "-p", "spark");
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().put("SLUICE_LAUNCHER_DRY_RUN", "1");
        pb.environment().put("SLUICE_CDS", "off");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return List.of(out.strip().split(" "));
    }

    @Test
    void theLauncherGivesThisProjectExactlySparksJvmOptions() throws Exception {
        List<String> args = command(ProjectDirs.moduleDir());

        int main = args.indexOf("io.sluice.cli.SluiceMain");
        assertThat(main).isPositive();
        List<String> jvmOptions = args.subList(0, main);
        assertThat(jvmOptions).containsAll(SparkJvmOptions.REQUIRED);
        assertThat(jvmOptions.stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")))
                .containsExactlyInAnyOrderElementsOf(SparkJvmOptions.REQUIRED.stream()
                        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")).toList());
    }

    @Test
    void theSpaceflightsProjectWithoutSparkGetsNone() throws Exception {
        Path spaceflights = ProjectDirs.moduleDir().resolveSibling("spaceflights");
        if (!Files.exists(spaceflights.resolve("target/sluice.classpath"))) {
            return; // not built in this reactor
        }
        assertThat(command(spaceflights)).noneMatch(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules"));
    }
}
