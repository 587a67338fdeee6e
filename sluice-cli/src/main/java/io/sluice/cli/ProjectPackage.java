package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.config.ConfigArchive;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code sluice package} writes for a project: its runnable jar (the project's classes, a
 * manifest with {@code Main-Class: io.sluice.cli.SluiceMain}, {@code Enable-Native-Access:
 * ALL-UNNAMED} and a {@code Class-Path} of {@code lib/}), the dependency jars in {@code lib/}, and its config archive without
 * {@code conf/local} and credentials ({@link ConfigArchive}).
 *
 * <p>Not a fat jar: jars declare services in files of the same name
 * ({@code META-INF/services/...}: the datasets of sluice-datasets and sluice-s3, Jackson
 * modules, JDBC drivers, SLF4J providers), ship their own {@code module-info.class},
 * multi-release versions and licences, and may be signed. Merged into one jar, one file of each
 * name wins and the others' services silently disappear unless every such file is known and
 * concatenated. With {@code lib/}, every jar stays as its authors built it and the JVM's class
 * path (from the manifest) is the one {@code bin/sluice} uses.
 *
 * <p>The dependencies are those of {@code target/sluice.classpath}, written by the project's
 * build for {@code bin/sluice}, plus the CLI's class path merged in as {@code bin/sluice} does it
 * ({@link LaunchClassPath}); a folder there (a module's {@code target/classes} in a reactor
 * build) is jarred. The project's classes come from {@code target/classes}. The project jar, the
 * jars made from folders and the config archive are deterministic: the same project gives the
 * same bytes.
 */
final class ProjectPackage {
    static final String MAIN_CLASS = "io.sluice.cli.SluiceMain";

    private ProjectPackage() {
    }

    /**
     * What was written.
     *
     * @param jar     the runnable jar
     * @param lib     the dependency jars, in class path order
     * @param conf    the config archive
     * @param leftOut what the config archive left out (conf/local/, credentials files)
     */
    record Written(Path jar, List<Path> lib, Path conf, List<String> leftOut) {
    }

    static Written write(Path projectDir, Path outDir, String name) {
        Path cpFile = projectDir.resolve("target/sluice.classpath");
        Path classes = projectDir.resolve("target/classes");
        if (!Files.isRegularFile(cpFile)) {
            throw new SluiceException("No class path for the project in " + projectDir + ": target/sluice.classpath "
                    + "is missing. Build the project first:  (cd '" + projectDir + "' && mvn -q package -DskipTests)");
        }
        if (!Files.isDirectory(classes)) {
            throw new SluiceException("The project's classes are missing: " + classes + " does not exist. Build the "
                    + "project first:  (cd '" + projectDir + "' && mvn -q package -DskipTests)");
        }
        try {
            Files.createDirectories(outDir.resolve("lib"));
            List<Path> lib = new ArrayList<>();
            Set<String> names = new HashSet<>();
            // the project's class path plus the CLI's, as bin/sluice runs it
            for (Path entry : LaunchClassPath.merge(LaunchClassPath.parse(Files.readString(cpFile)),
                    LaunchClassPath.cli())) {
                lib.add(library(entry, outDir.resolve("lib"), names));
            }
            for (Path old : stale(outDir.resolve("lib"), lib)) {
                Files.delete(old); // from an earlier package: the same project always gives the same lib/
            }
            Map<String, String> manifest = new LinkedHashMap<>();
            manifest.put("Created-By", "Sluice (sluice package)");
            manifest.put("Main-Class", MAIN_CLASS);
            // JDK 24+ warns when DuckDB or ONNX Runtime load their native library unless native
            // access is enabled (JEP 472); JDK 17-21 ignore the attribute. In the manifest rather
            // than on the command line: it keeps the JDK's archived module graph.
            manifest.put("Enable-Native-Access", "ALL-UNNAMED");
            List<String> classPath = new ArrayList<>();
            for (Path jar : lib) {
                classPath.add(URI.create("lib/").resolve(new URI(null, jar.getFileName().toString(), null))
                        .toString());
            }
            manifest.put("Class-Path", String.join(" ", classPath));
            Path jar = outDir.resolve(name + ".jar");
            DeterministicJar.write(tmp(jar), classes, manifest);
            moveIntoPlace(jar);
            ConfigArchive.Packed packed = ConfigArchive.pack(projectDir.resolve("conf"), "conf");
            Path conf = outDir.resolve("conf-" + name + ".tar.gz");
            Files.write(tmp(conf), packed.bytes());
            moveIntoPlace(conf);
            return new Written(jar, lib, conf, packed.leftOut());
        } catch (IOException | java.net.URISyntaxException e) {
            throw new SluiceException("Cannot write the package to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Copies (a jar) or jars (a folder) class path entry {@code entry} into {@code lib}. */
    private static Path library(Path entry, Path lib, Set<String> names) throws IOException {
        if (!Files.exists(entry)) {
            throw new SluiceException("target/sluice.classpath names " + entry + ", which does not exist. Rebuild "
                    + "the project (mvn -q package -DskipTests).");
        }
        boolean folder = Files.isDirectory(entry);
        String base = folder ? folderJarName(entry) : entry.getFileName().toString();
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base.substring(0, base.length() - ".jar".length()) + "-" + i + ".jar";
        }
        Path target = lib.resolve(name);
        if (folder) {
            DeterministicJar.write(tmp(target), entry, Map.of());
        } else {
            Files.copy(entry, tmp(target), StandardCopyOption.REPLACE_EXISTING);
        }
        moveIntoPlace(target);
        return target;
    }

    /** {@code sluice-core.jar} for {@code .../sluice-core/target/classes}, else the folder's name. */
    private static String folderJarName(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        if (abs.getNameCount() >= 3 && abs.getFileName().toString().equals("classes")
                && abs.getParent().getFileName().toString().equals("target")) {
            return abs.getParent().getParent().getFileName() + ".jar";
        }
        return abs.getFileName() + ".jar";
    }

    private static Path tmp(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    private static void moveIntoPlace(Path file) throws IOException {
        Files.move(tmp(file), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The jars in {@code lib} that no longer belong to the package (from an earlier one). */
    private static List<Path> stale(Path lib, List<Path> current) throws IOException {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        Set<Path> keep = new HashSet<>(current);
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && !keep.contains(f)).sorted()
                    .toList();
        }
    }
}
