package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
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
 * the second Maven resolves from a local
 * repository. {@code ~/.m2} as it is will not do: on a clean clone {@code mvn -B verify} installs
 * nothing, and otherwise it holds whatever Sluice was last installed there (by another branch,
 * perhaps); installing into it from a test would change the user's repository behind their back.
 * So the test makes a private local repository in a temporary directory:
 * <ul>
 *   <li>each top-level directory of the build's own local repository ({@code settings.localRepository},
 *       passed by Surefire as {@code sluice.it.localRepository}) is a symbolic link to it, except
 *       {@code io/sluice}: the third-party dependencies and plugins that building Sluice has just
 *       resolved are there, offline, without copying hundreds of megabytes;</li>
 *   <li>{@code io/sluice} is a real directory holding the Sluice this test runs on: sluice-core from
 *       this JVM's class path (in the reactor a {@code target/classes} directory, packed here into a jar; a jar is
 *       copied), with the poms of this source tree: sluice-bom's, and sluice-parent's since sluice-core inherits
 *       from it. Nothing else: the generated project must build with these alone (bin/sluice brings the CLI from
 *       this checkout's sluice-cli/target).</li>
 * </ul>
 * Then {@code mvn -B -q -o test -Dmaven.repo.local=<that repository>}. Offline works because
 * the generated pom pins the plugins of the parent pom's pluginManagement and the JUnit and
 * AssertJ versions of this build ({@link VersionsTest}). Nothing outside the temporary directory
 * is written (Maven reads the linked directories; offline it downloads nothing into them).
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
    private static Result build;

    record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void generateAndBuild() throws Exception {
        String version = Versions.load().sluice();
        Path repo = privateRepository(version);
        Cli created = Cli.run("new", "weather-demo", "--dir", tmp.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        project = tmp.resolve("weather-demo");

        build = run(project, BUILD_TIMEOUT_SECONDS, maven(), "-B", "-q", "-o", "test",
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

        Result run = run(project, 120, ROOT.resolve("bin/sluice").toString(), "-q", "run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("of pipeline __default__ succeeded: 3 of 3 nodes");
        assertThat(Files.readString(project.resolve("data/08_reporting/weather_report.txt")))
                .isEqualTo("3 stations, 7 readings\nwarmest: cairo (mean 20.3 C)\ncoldest: oslo (mean -2.3 C)\n");
    }

    /** The Maven that runs this build (Surefire passes its home), else mvn on the PATH. */
    private static String maven() {
        String home = System.getProperty("sluice.it.mavenHome");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))
                ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    /** The build's local repository linked in, with io/sluice holding this Sluice. */
    private static Path privateRepository(String version) throws IOException {
        Path shared = Path.of(System.getProperty("sluice.it.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path repo = Files.createDirectory(tmp.resolve("repo"));
        linkChildren(shared, repo, "io");
        Path io = Files.createDirectory(repo.resolve("io"));
        if (Files.isDirectory(shared.resolve("io"))) {
            linkChildren(shared.resolve("io"), io, "sluice");
        }
        install(repo, "sluice-parent", version, ROOT.resolve("pom.xml"), null);
        install(repo, "sluice-bom", version, ROOT.resolve("sluice-bom/pom.xml"), null);
        for (String module : MODULES) {
            install(repo, module, version, ROOT.resolve(module).resolve("pom.xml"), classPathEntry(module, version));
        }
        return repo;
    }

    private static void linkChildren(Path from, Path to, String except) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!child.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(child.getFileName().toString()), child);
                }
            }
        }
    }

    /** What {@code mvn install} would put in the repository: the pom, and the jar unless null. */
    private static void install(Path repo, String artifactId, String version, Path pom, Path classes)
            throws IOException {
        Path dir = Files.createDirectories(repo.resolve("io/sluice").resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        Files.copy(pom, dir.resolve(base + ".pom"));
        if (classes == null) {
            return;
        }
        Path jar = dir.resolve(base + ".jar");
        if (Files.isDirectory(classes)) {
            packJar(classes, jar);
        } else {
            Files.copy(classes, jar, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * The class path entry of a Sluice module in this JVM: {@code <module>/target/classes} in the
     * reactor, else its jar ({@code <module>-<version>.jar}, from the reactor or a local repository).
     */
    private static Path classPathEntry(String module, String version) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath().normalize();
            if (p.endsWith(Path.of(module, "target", "classes"))
                    || p.getFileName().toString().equals(module + "-" + version + ".jar")) {
                return p;
            }
        }
        throw new IllegalStateException(module + " is not on the test class path: " + System.getProperty("java.class.path"));
    }

    private static void packJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (p.equals(classes)) {
                    continue;
                }
                String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(p)) {
                    jos.putNextEntry(new JarEntry(name + "/"));
                } else {
                    jos.putNextEntry(new JarEntry(name));
                    Files.copy(p, jos);
                }
                jos.closeEntry();
            }
        }
    }

    /** Runs {@code command} in {@code dir}; stdout and stderr together. */
    private static Result run(Path dir, long timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // Variables the outer mvn script sets for itself, and Sluice settings of the user's shell.
        for (String name : new ArrayList<>(List.of("MAVEN_PROJECTBASEDIR", "MAVEN_CMD_LINE_ARGS", "MAVEN_BASEDIR",
                "SLUICE_JAVA_OPTS", "SLUICE_ENV"))) {
            env.remove(name);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SLUICE_CDS", "off");
        Path log = Files.createTempFile(tmp, "process", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
