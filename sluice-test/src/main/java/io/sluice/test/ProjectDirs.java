package io.sluice.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Copies of a project for its tests, so that runs write their outputs and journals in a
 * temporary directory and never into the source tree:
 *
 * <pre>{@code
 * @TempDir Path project;
 * ProjectDirs.copyInputs(project);   // conf/ and data/01_raw/ of the project under test
 * }</pre>
 */
public final class ProjectDirs {
    private ProjectDirs() {
    }

    /** The directory tests run in; Maven Surefire runs them in the module's base directory. */
    public static Path moduleDir() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * Copies what a run of the project under test reads, {@code conf/} and {@code data/01_raw/}
     * of {@link #moduleDir()}, into {@code target}; returns {@code target}.
     */
    public static Path copyInputs(Path target) {
        return copy(moduleDir(), target, "conf", "data/01_raw");
    }

    /**
     * Copies the trees {@code parts} (paths relative to {@code source}, e.g. {@code conf}) into
     * the same places under {@code target}; returns {@code target}.
     *
     * @throws UncheckedIOException when a part is missing or cannot be copied
     */
    public static Path copy(Path source, Path target, String... parts) {
        for (String part : parts) {
            copyTree(source.resolve(part), target.resolve(part));
        }
        return target;
    }

    /** Copies the directory tree {@code from} to {@code to}, replacing files that exist. */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** The content of a text file (UTF-8). */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
