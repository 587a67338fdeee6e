package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner and a launcher shipped as a jar of their own — compiled and packaged here from source,
 * against Sluice's API only — and declared in runners.yml by class name with arguments: the way a
 * team distributes its running logic without a new {@code run} command.
 */
class CustomRunnerJarsTest {

    @TempDir
    static Path build;
    static Path jar;

    @TempDir
    Path project;
    @TempDir
    Path services;

    private static final String RUNNER = """
            package com.acme.running;

            import io.sluice.runner.NodeFailedException;
            import io.sluice.runner.NodeTask;
            import io.sluice.runner.Runner;
            import io.sluice.runner.Schedule;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            /** Runs nodes in order and writes each node's name with its label to a log file. */
            public final class LoggingRunner implements Runner {
                public record Args(String label, String log) {
                }

                private final Args args;

                public LoggingRunner(Args args) {
                    this.args = args;
                }

                @Override
                public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
                    for (int i = 0; i < schedule.size(); i++) {
                        try {
                            Files.writeString(Path.of(args.log()), args.label() + ":" + schedule.nodeName(i) + "\\n",
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            task.run(i);
                        } catch (Exception e) {
                            throw new NodeFailedException(i, schedule.nodeName(i), e);
                        }
                    }
                }

                @Override
                public String name() {
                    return "logging-" + args.label();
                }
            }
            """;

    private static final String LAUNCHER = """
            package com.acme.running;

            import io.sluice.launch.Launch;
            import io.sluice.launch.Launcher;
            import io.sluice.run.RunResult;
            import java.util.ArrayList;
            import java.util.List;

            /** Runs the request once per factor, each with params:factor overridden. */
            public final class FactorsLauncher implements Launcher {
                public record Args(List<Integer> factors) {
                }

                private final Args args;

                public FactorsLauncher(Args args) {
                    this.args = args;
                }

                @Override
                public List<RunResult> launch(Launch launch) throws Exception {
                    List<RunResult> runs = new ArrayList<>();
                    for (int f : args.factors()) {
                        runs.addAll(launch.proceed(launch.spec().toBuilder().param("factor", f).build()));
                        launch.out().println("factor " + f + " done");
                    }
                    return runs;
                }
            }
            """;

    @BeforeAll
    static void buildTheJar() throws IOException {
        Path src = build.resolve("src/com/acme/running");
        Files.createDirectories(src);
        Files.writeString(src.resolve("LoggingRunner.java"), RUNNER);
        Files.writeString(src.resolve("FactorsLauncher.java"), LAUNCHER);
        Path classes = build.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "--release", "17", src.resolve("LoggingRunner.java").toString(),
                src.resolve("FactorsLauncher.java").toString());
        assertThat(rc).as("the jar's sources compile against Sluice's API").isZero();
        jar = build.resolve("acme-running.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }

    /** Runs {@code sluice -C project args} with the jar on the class path, as a project dependency would be. */
    private Cli sluice(String... args) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(withJar);
            return RunsTestProject.sluice(project, services, args);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void writeRunners() throws IOException {
        RunsTestProject.write(project, services);
        RunsTestProject.FINISH_FAILS.set(false);
        Files.writeString(project.resolve("conf/base/runners.yml"), """
                logged:
                  type: com.acme.running.LoggingRunner
                  label: acme
                  log: %s
                factors:
                  launcher: com.acme.running.FactorsLauncher
                  wraps: logged
                  factors: [2, 3]
                """.formatted(project.resolve("runner.log")));
    }

    @Test
    void aRunnerFromAJarRunsWithItsArgumentsAndIsJournalledByEntryName() throws IOException {
        writeRunners();

        Cli cli = sluice("run", "-p", "etl", "--runner", "logged");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllLines(project.resolve("runner.log")))
                .containsExactly("acme:load", "acme:persist", "acme:finish");
        assertThat(Files.readString(project.resolve("data/out.json")).strip()).isEqualTo("30");
        List<RunJournal> runs = new JournalStore(project).list();
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.parts().get(0).runner()).isEqualTo("logged"));
    }

    @Test
    void aLauncherFromAJarWrapsTheRunnerFromTheJarWithItsOwnArguments() throws IOException {
        writeRunners();

        Cli cli = sluice("run", "-p", "etl", "--runner", "factors");
        Cli described = sluice("runners", "describe", "factors");
        Cli listed = sluice("runners", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("factor 2 done", "factor 3 done", "Launcher factors made 2 runs");
        assertThat(Files.readAllLines(project.resolve("runner.log"))).hasSize(6).allMatch(l -> l.startsWith("acme:"));
        assertThat(Files.readString(project.resolve("data/out.json")).strip()).as("the last run, factor 3")
                .isEqualTo("9");
        List<String> factors = new ArrayList<>();
        for (RunJournal run : new JournalStore(project).list()) {
            assertThat(run.parts().get(0).runner()).isEqualTo("logged");
            factors.add(String.valueOf(run.parts().get(0).spec().params().get("factor")));
        }
        assertThat(factors).containsExactlyInAnyOrder("2", "3");
        assertThat(described.out()).contains("\"launcher\" : \"com.acme.running.FactorsLauncher\"",
                "\"wraps\" : \"logged\"", "\"factors\" : [ 2, 3 ]");
        assertThat(listed.out()).containsPattern("factors\\s+launcher com.acme.running.FactorsLauncher\\s+wraps logged");
    }

    @Test
    void aJarClassWithAWrongArgumentIsReportedAtItsLineWithTheKnownKeys() throws IOException {
        writeRunners();
        Files.writeString(project.resolve("conf/local/runners.yml"), """
                factors:
                  launcher: com.acme.running.FactorsLauncher
                  factor: [2]
                """);

        Cli cli = sluice("run", "-p", "etl", "--runner", "factors");

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("local/runners.yml:3:3", "'factor'", "Did you mean 'factors'?");
        assertThat(new String(Files.readAllBytes(project.resolve("data/raw.json")), StandardCharsets.UTF_8))
                .as("nothing ran").isEqualTo("1");
        assertThat(Files.exists(project.resolve("data/out.json"))).isFalse();
    }
}
