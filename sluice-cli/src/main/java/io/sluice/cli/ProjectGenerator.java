package io.sluice.cli;

import io.sluice.SluiceException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a new project into {@code PARENT/<name>} all at once: the files go to a hidden temporary
 * directory in {@code PARENT} (the same file system), which is then renamed to the project's
 * directory in one atomic step. A failure leaves nothing behind, and the rename never replaces a
 * directory that has files (an existing empty directory is replaced, which the OS allows only
 * while it is still empty).
 */
final class ProjectGenerator {
    private ProjectGenerator() {
    }

    /** Generates {@code project} in {@code parentDir}; returns the project's directory, absolute. */
    static Path generate(NewProject project, Path parentDir, Map<String, String> vars) {
        Path parent = parentDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(parent)) {
            throw new SluiceException("Directory " + parent + " does not exist: create it first or pass another --dir.");
        }
        Path target = parent.resolve(project.name());
        checkTarget(target);
        Path tmp = createTempDirectory(parent, project.name());
        try {
            ProjectTemplate.writeTo(tmp, vars);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            deleteTree(tmp);
            throw notEmpty(target); // created by someone else since checkTarget
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw new SluiceException("Could not create the project " + target + ": " + e.getMessage()
                    + " (nothing was written)", e);
        }
        return target;
    }

    private static void checkTarget(Path target) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new SluiceException(target + " already exists and is not a directory; sluice new never "
                    + "overwrites anything. Choose another name or --dir.");
        }
        try (Stream<Path> children = Files.list(target)) {
            if (children.findAny().isPresent()) {
                throw notEmpty(target);
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    private static SluiceException notEmpty(Path target) {
        return new SluiceException("Directory " + target + " already exists and is not empty; sluice new never "
                + "overwrites anything. Choose another name or --dir.");
    }

    /** A new hidden directory next to the target, with the default permissions (not 0700). */
    private static Path createTempDirectory(Path parent, String name) {
        for (int attempt = 0; ; attempt++) {
            Path tmp = parent.resolve("." + name + ".sluice-new-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
            try {
                return Files.createDirectory(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw new SluiceException("Cannot create a temporary directory in " + parent + ": " + e, e);
                }
            } catch (IOException e) {
                throw new SluiceException("Cannot write to " + parent + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the original error is the one to report
        }
    }
}
