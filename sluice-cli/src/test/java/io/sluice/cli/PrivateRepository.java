package io.sluice.cli;

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

/**
 * A local Maven repository in a temporary directory, for a second, offline Maven to build a
 * project against the Sluice of this build (NewProjectBuildTest here, the goals' test of
 * sluice-maven-plugin, which gets this class from sluice-cli's test jar).
 *
 * <p>{@code ~/.m2} as it is will not do: on a clean clone {@code mvn -B verify} installs
 * nothing, and otherwise it holds whatever Sluice was last installed there (by another branch,
 * perhaps); installing into it from a test would change the user's repository behind their back.
 * So:
 * <ul>
 *   <li>each top-level directory of the build's own local repository ({@code settings.localRepository},
 *       passed by Surefire as {@code sluice.it.localRepository}) is a symbolic link to it, except
 *       {@code io/sluice}: the third-party dependencies and plugins that building Sluice has just
 *       resolved are there, offline, without copying hundreds of megabytes;</li>
 *   <li>{@code io/sluice} is a real directory holding the Sluice modules asked for, from this JVM's
 *       class path (in the reactor {@code target/classes} directories, packed here into jars; jars are
 *       copied), with the poms of this source tree; sluice-parent's and sluice-bom's poms always.</li>
 * </ul>
 * Nothing outside the temporary directory is written (Maven reads the linked directories; offline
 * it downloads nothing into them). Not on Windows (symbolic links need privileges there).
 */
public final class PrivateRepository {
    private PrivateRepository() {
    }

    /** What a process printed (stdout and stderr together) and its exit code, -1 on a time-out. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Makes {@code tmp/repo} holding {@code modules} (directories of the Sluice repository at
     * {@code root}, each with its pom and, from this JVM's class path, its jar).
     */
    public static Path create(Path tmp, Path root, List<String> modules) throws IOException {
        String version = Versions.load().sluice();
        Path shared = Path.of(System.getProperty("sluice.it.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path repo = Files.createDirectory(tmp.resolve("repo"));
        linkChildren(shared, repo, "io");
        Path io = Files.createDirectory(repo.resolve("io"));
        if (Files.isDirectory(shared.resolve("io"))) {
            linkChildren(shared.resolve("io"), io, "sluice");
        }
        install(repo, "sluice-parent", version, root.resolve("pom.xml"), null);
        install(repo, "sluice-bom", version, root.resolve("sluice-bom/pom.xml"), null);
        for (String module : modules) {
            install(repo, module, version, root.resolve(module).resolve("pom.xml"), classPathEntry(module, version));
        }
        return repo;
    }

    /** The Maven that runs this build (Surefire passes its home), else mvn on the PATH. */
    public static String maven() {
        String home = System.getProperty("sluice.it.mavenHome");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))
                ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    /**
     * Runs {@code command} in {@code dir} with this JVM's Java, without the outer Maven's and the
     * user's Sluice variables; its output goes to a file in {@code logs}; killed (with its
     * children) after {@code timeoutSeconds}.
     */
    public static Result run(Path dir, Path logs, long timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String name : List.of("MAVEN_PROJECTBASEDIR", "MAVEN_CMD_LINE_ARGS", "MAVEN_BASEDIR", "SLUICE_JAVA_OPTS",
                "SLUICE_ENV")) {
            env.remove(name);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SLUICE_CDS", "off");
        Path log = Files.createTempFile(logs, "process", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
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
}
