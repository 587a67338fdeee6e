package io.sluice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/sluice} as a user runs it: a separate JVM, the class path from
 * {@code target/sluice.classpath}, the AppCDS archive written by the first run, put in place by
 * the next launch and used from then on; and a server stopped by SIGTERM to the launcher. Most
 * tests run on this JVM's JDK (JAVA_HOME, which the launcher then takes as it is); those named
 * "...OnTheChosenJdk" let the launcher choose (on these machines Temurin 25 and its AOT cache
 * where installed, else JDK 17 and AppCDS).
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherEndToEndTest {
    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final Path LAUNCHER = ProjectDirs.moduleDir().resolve("../../bin/sluice").normalize();
    private static final Path CLASSPATH_FILE = ProjectDirs.moduleDir().resolve("target/sluice.classpath");

    @TempDir
    Path project;

    private static CommandResult launch(Path dir, String... args) throws IOException, InterruptedException {
        return SluiceCommand.launch(LAUNCHER, dir, 120, args);
    }

    /**
     * Runs the launcher without JAVA_HOME, so that it chooses the JDK itself, with {@code env}
     * added to the environment.
     */
    private CommandResult launchOnTheChosenJdk(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-C", project.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        chooseTheJdk(pb, env);
        Path out = Files.createTempFile("sluice-out", ".txt");
        Path err = Files.createTempFile("sluice-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("bin/sluice did not finish within 120 s: " + command);
            }
            return new CommandResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void chooseTheJdk(ProcessBuilder pb, Map<String, String> env) {
        for (String name : List.of("JAVA_HOME", "SLUICE_JDK", "SLUICE_JDK_DIRS", "SLUICE_JAVA_OPTS", "SLUICE_ENV",
                "SLUICE_CDS", "SLUICE_LAUNCHER_DRY_RUN")) {
            pb.environment().remove(name);
        }
        pb.environment().put("XDG_CACHE_HOME", project.resolve("target/xdg-cache").toString());
        pb.environment().putAll(env);
    }

    /** Whether the launcher would make a JDK 24+ AOT cache (else an AppCDS archive) on this machine. */
    private boolean theChosenJdkMakesAnAotCache() throws Exception {
        CommandResult dry = launchOnTheChosenJdk(Map.of("SLUICE_LAUNCHER_DRY_RUN", "1"), "-q", "run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        return dry.out().contains("-XX:AOTMode=record");
    }

    private void copyBuiltProject() throws IOException {
        assumeTrue(Files.isRegularFile(CLASSPATH_FILE),
                "target/sluice.classpath is written by the build (mvn package); run the test through Maven");
        ProjectDirs.copyInputs(project);
        ProjectDirs.copyTree(ProjectDirs.moduleDir().resolve("target/classes"), project.resolve("target/classes"));
        Files.copy(CLASSPATH_FILE, project.resolve("target/sluice.classpath"));
    }

    private static boolean classPathIsAllJars() throws IOException {
        return Stream.of(Files.readString(CLASSPATH_FILE).strip().split(File.pathSeparator))
                .allMatch(e -> Files.isRegularFile(Path.of(e)));
    }

    @Test
    void runsTheExampleAndReusesTheClassDataArchive() throws Exception {
        copyBuiltProject();

        CommandResult first = launch(project, "run");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("of pipeline __default__ succeeded: 10 of 10 nodes");
        assertThat(first.err()).contains("INFO  Completed 10 out of 10 nodes: summarise");
        assertThat(ProjectDirs.read(project.resolve("data/08_reporting/sales_report.json")))
                .isEqualTo(Expected.SALES_REPORT);
        if (classPathIsAllJars()) {
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa\\.\\d+\\.tmp"));
        }

        CommandResult second = launch(project, "-q", "run", "-p", "reporting");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("of pipeline reporting succeeded: 7 of 7 nodes");
        assertThat(second.err()).isEmpty();
        if (classPathIsAllJars()) {
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
        }
    }

    @Test
    void runsOnTheChosenJdkAndReusesItsCache() throws Exception {
        copyBuiltProject();
        boolean aot = theChosenJdkMakesAnAotCache();
        String written = aot ? "sluice-\\d+-cli\\.aotconf\\.\\d+\\.tmp" : "sluice-\\d+\\.jsa\\.\\d+\\.tmp";
        String kept = aot ? "sluice-\\d+-cli\\.aot" : "sluice-\\d+\\.jsa";

        CommandResult first = launchOnTheChosenJdk(Map.of(), "run");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("of pipeline __default__ succeeded: 10 of 10 nodes")
                .doesNotContain("AOT", "CDS");
        assertThat(first.err()).contains("INFO  Completed 10 out of 10 nodes: summarise");
        assertThat(ProjectDirs.read(project.resolve("data/08_reporting/sales_report.json")))
                .isEqualTo(Expected.SALES_REPORT);
        if (classPathIsAllJars()) {
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches(written));
        }

        for (int i = 0; i < 2; i++) {
            CommandResult next = launchOnTheChosenJdk(Map.of(), "-q", "run", "-p", "reporting");

            assertThat(next.exitCode()).as(next.err()).isZero();
            assertThat(next.out()).contains("of pipeline reporting succeeded: 7 of 7 nodes");
            assertThat(next.err()).isEmpty();
            if (classPathIsAllJars()) {
                assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches(kept));
            }
        }
    }

    @Test
    void sigtermToTheLauncherStopsAServerOfAFirstRunOnTheChosenJdkAndTheNextLaunchMakesItsCache() throws Exception {
        copyBuiltProject();
        boolean aot = theChosenJdkMakesAnAotCache();

        stopWithSigterm(serve(true));
        CommandResult next = launchOnTheChosenJdk(Map.of(), "-q", "pipelines", "list");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).isEmpty();
        if (classPathIsAllJars() && aot) {
            // the server's own cache, assembled from what it recorded when SIGTERM stopped it
            assertThat(archives()).anyMatch(name -> name.matches("sluice-\\d+-serve\\.aot"));
        } else if (classPathIsAllJars()) {
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
        }
    }

    /** The file names in the project's archive folder, sorted. */
    private List<String> archives() throws IOException {
        Path dir = project.resolve(".sluice/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A server started by the launcher, its output going to a file. */
    private record Server(Process process, int port) {
    }

    private Server serve() throws Exception {
        return serve(false);
    }

    private Server serve(boolean onTheChosenJdk) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "-C", project.toString(), "serve", "--port", "0");
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().remove("SLUICE_ENV");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (onTheChosenJdk) {
            chooseTheJdk(pb, Map.of());
        }
        Path out = Files.createTempFile(project, "serve", ".out");
        Process process = pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                return new Server(process, Integer.parseInt(m.group(1)));
            }
            assertThat(process.isAlive()).as("the server is starting").isTrue();
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("bin/sluice serve did not start within 120 s");
    }

    /** Sends SIGTERM to the launcher's pid and checks that it took the JVM down with it. */
    private void stopWithSigterm(Server server) throws Exception {
        long pid = server.process().pid();
        assertThat(server.process().info().command()).as("the launcher's pid runs java itself (exec)")
                .hasValueSatisfying(command -> assertThat(command).endsWith("java"));
        assertThat(server.process().children()).as("processes the launcher started").isEmpty();

        server.process().destroy(); // SIGTERM

        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        String dir = project.toRealPath().toString();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                .stream().anyMatch(a -> a.contains(dir)))).as("JVMs of this project").isEmpty();
        try (Socket ignored = new Socket("127.0.0.1", server.port())) {
            throw new AssertionError("something still listens on port " + server.port());
        } catch (ConnectException expected) {
            // nothing listens any more
        }
    }

    @Test
    void sigtermToTheLauncherStopsTheServerOfAFirstRunAndTheNextLaunchTakesItsArchive() throws Exception {
        copyBuiltProject();
        Files.createDirectories(project.resolve(".sluice/cds"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(project.resolve(".sluice/cds/sluice-1.jsa." + gone.pid() + ".tmp"), "partial");

        Server server = serve();
        stopWithSigterm(server);

        assertThat(stale).doesNotExist();
        if (classPathIsAllJars()) {
            // written by the JVM at its exit, under the launcher's pid: the JVM was the launcher
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name)
                    .matches("sluice-\\d+\\.jsa\\." + server.process().pid() + "\\.tmp"));
        }

        CommandResult next = launch(project, "-q", "pipelines", "list");

        assertThat(next.exitCode()).as(next.err()).isZero();
        if (classPathIsAllJars()) {
            assertThat(archives()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
        }
    }

    @Test
    void sigtermToTheLauncherStopsAServerRunningWithTheArchive() throws Exception {
        assumeTrue(classPathIsAllJars(), "an archive is only made for a class path of jars");
        copyBuiltProject();
        launch(project, "-q", "pipelines", "list");
        launch(project, "-q", "pipelines", "list");
        List<String> archive = archives();
        assertThat(archive).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));

        stopWithSigterm(serve());

        assertThat(archives()).isEqualTo(archive);
    }

    @Test
    void aTruncatedArchiveOfADeadWriterIsDeletedNotUsed() throws Exception {
        assumeTrue(classPathIsAllJars(), "an archive is only made for a class path of jars");
        copyBuiltProject();
        launch(project, "-q", "pipelines", "list");
        String written = archives().get(0);
        Path tmp = project.resolve(".sluice/cds").resolve(written);
        byte[] bytes = Files.readAllBytes(tmp);
        Files.delete(tmp);
        Files.write(tmp, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // as if killed while writing

        CommandResult next = launch(project, "-q", "pipelines", "list");

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(archives()).singleElement().satisfies(name -> assertThat(name)
                .matches("sluice-\\d+\\.jsa\\.\\d+\\.tmp").isNotEqualTo(written));
        assertThat(project).isDirectoryNotContaining("glob:**/hs_err*");
    }

    @Test
    void errorsExitWithOneAndUsageErrorsWithTwo() throws Exception {
        copyBuiltProject();

        CommandResult unknownNode = launch(project, "run", "--nodes", "no_such_node");
        CommandResult usage = launch(project, "run", "--no-such-option");

        assertThat(unknownNode.exitCode()).isEqualTo(1);
        assertThat(unknownNode.err()).contains("no_such_node");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    @Test
    void withoutABuildTheLauncherSaysWhatToRun() throws Exception {
        ProjectDirs.copyInputs(project);

        CommandResult r = launch(project, "run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("target/sluice.classpath is missing", "mvn -q package -DskipTests");
    }
}
