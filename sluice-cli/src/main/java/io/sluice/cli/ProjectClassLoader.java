package io.sluice.cli;

import io.sluice.SluiceException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the project's own classes (its {@code target/classes}) in a child of the application
 * class loader, which holds Sluice and the libraries.
 *
 * <p>Why not one class path: JDK 17's class-data sharing archive (which halves CLI startup, see
 * {@code bin/sluice}) refuses a class path containing a non-empty directory. Keeping the
 * frequently recompiled project classes out of the archived class path also means a recompile
 * never invalidates the archive.
 */
final class ProjectClassLoader {
    /** System property with the project's class directories or jars, path-separator separated. */
    static final String PROPERTY = "sluice.project.classpath";

    private ProjectClassLoader() {
    }

    /** The loader for {@code path}, or {@code parent} itself when {@code path} is empty. */
    static ClassLoader create(String path, ClassLoader parent) {
        if (path == null || path.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
                } catch (MalformedURLException | RuntimeException e) {
                    throw new SluiceException("Bad entry '" + entry + "' in -D" + PROPERTY + ": " + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader("sluice-project", urls.toArray(URL[]::new), parent);
    }
}
