package io.sluice.examples.spaceflights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the spaceflights project's configuration and raw data in a temporary directory, so
 * that tests write their outputs and run journals there and never into the source tree.
 */
final class ExampleProject {
    /** The example's directory; Surefire runs tests in the module's base directory. */
    static final Path SOURCE = Path.of("").toAbsolutePath();

    private ExampleProject() {
    }

    /** Copies {@code conf/} and {@code data/01_raw/} into {@code target}; returns {@code target}. */
    static Path copyTo(Path target) {
        copyTree(SOURCE.resolve("conf"), target.resolve("conf"));
        copyTree(SOURCE.resolve("data/01_raw"), target.resolve("data/01_raw"));
        return target;
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
