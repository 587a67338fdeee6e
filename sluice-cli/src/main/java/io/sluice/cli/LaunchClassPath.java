package io.sluice.cli;

import io.sluice.SluiceException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path a project runs on under the {@code sluice} command: the project's own
 * ({@code target/sluice.classpath}: sluice-core and the modules it uses) plus the CLI's, which
 * the project does not depend on. The same rule as {@code bin/sluice}'s {@code merge_classpath}:
 * the project's entries first; then the CLI's, except a library the project has already (same
 * artifactId and classifier, any version), since the project's build resolved it with the
 * project's code; a {@code sluice-cli} jar on the project's class path (a project made before
 * the CLI became the launcher's) is left out, so the running CLI is the one used. Public for
 * {@code sluice-maven-plugin}, whose goals run the CLI the same way.
 */
public final class LaunchClassPath {
    /** The file sluice-cli's build writes beside its classes and jar: the CLI's dependencies. */
    static final String CLI_CLASSPATH_FILE = "sluice-cli.classpath";

    private LaunchClassPath() {
    }

    /**
     * {@code project} merged with {@code cli}, by the rule above.
     *
     * @param project the project's runtime class path, in order
     * @param cli     the CLI's class path, in order
     * @return the class path to run the CLI on
     */
    public static List<Path> merge(List<Path> project, List<Path> cli) {
        List<Path> out = new ArrayList<>();
        Set<String> have = new HashSet<>();
        for (Path entry : project) {
            String key = key(entry);
            if (!key.equals("sluice-cli")) {
                have.add(key);
                out.add(entry);
            }
        }
        for (Path entry : cli) {
            if (have.add(key(entry))) {
                out.add(entry);
            }
        }
        return out;
    }

    /**
     * Which library a class path entry is: {@code jackson-core} for
     * {@code <repo>/.../jackson-core/2.20.1/jackson-core-2.20.1.jar}, with a classifier appended
     * ({@code -linux-x86_64}); the module's name for {@code <module>/target/classes} and
     * {@code <module>/target/<module>-<version>.jar}; the path itself for anything else.
     *
     * @param entry a class path entry
     * @return the library it holds
     */
    public static String key(Path entry) {
        Path abs = entry.toAbsolutePath().normalize();
        String file = abs.getFileName().toString();
        Path dir = abs.getParent();
        if (dir == null) {
            return abs.toString();
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("target")
                && (file.equals("classes") || file.endsWith(".jar")) && dir.getParent() != null) {
            return dir.getParent().getFileName().toString();
        }
        Path artifactDir = dir.getParent();
        if (artifactDir == null || artifactDir.getFileName() == null) {
            return abs.toString();
        }
        String version = dir.getFileName().toString();
        String artifactId = artifactDir.getFileName().toString();
        String prefix = artifactId + "-" + version;
        if (file.equals(prefix + ".jar") || (file.startsWith(prefix + "-") && file.endsWith(".jar"))) {
            return artifactId + file.substring(prefix.length(), file.length() - ".jar".length());
        }
        return abs.toString();
    }

    /**
     * The running CLI's class path: where this class was loaded from (sluice-cli's
     * {@code target/classes} or jar) plus the entries of {@value #CLI_CLASSPATH_FILE} beside it.
     *
     * @throws SluiceException when that file is not there (a CLI not run from a Sluice build)
     */
    static List<Path> cli() {
        Path self;
        try {
            self = Path.of(LaunchClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new SluiceException("Cannot tell where the sluice command's classes are: " + e);
        }
        Path file = self.resolveSibling(CLI_CLASSPATH_FILE);
        if (!Files.isRegularFile(file)) {
            throw new SluiceException("The sluice command's class path file " + file + " is missing: run this command "
                    + "with bin/sluice of a built Sluice checkout (mvn -q install -DskipTests there).");
        }
        List<Path> out = new ArrayList<>();
        out.add(self);
        try {
            out.addAll(parse(Files.readString(file)));
        } catch (IOException e) {
            throw new SluiceException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The entries of a class path string (blank ones skipped). */
    static List<Path> parse(String classPath) {
        List<Path> out = new ArrayList<>();
        for (String entry : classPath.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry.strip()));
            }
        }
        return out;
    }
}
