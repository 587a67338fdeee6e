package io.sluice.spring;

import io.sluice.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The folder a session is compiled from ({@code sluice.project-dir}): a folder as given, or for
 * {@code classpath:sluice/} a copy of the files under it (its {@code conf/}, and {@code data/}
 * when the application ships one) in {@code sluice.work-dir} or a new temporary folder, which is
 * deleted on {@link #close()}. Closed after the session, which depends on it.
 *
 * @param dir       the project folder
 * @param temporary whether {@link #close()} deletes it
 */
public record ProjectLocation(Path dir, boolean temporary) implements AutoCloseable {

    /** Resolves {@code sluice.project-dir} (see {@link SluiceProperties#getProjectDir()}). */
    static ProjectLocation of(SluiceProperties properties, ResourceLoader resources) {
        String given = properties.getProjectDir();
        if (given == null || given.isBlank()) {
            given = resources.getResource(SluiceProperties.CLASSPATH + "sluice/conf/").exists()
                    ? SluiceProperties.CLASSPATH + "sluice/" : ".";
        }
        if (!given.startsWith(SluiceProperties.CLASSPATH)) {
            Path dir = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir.resolve("conf"))) {
                throw new SluiceException("sluice.project-dir is " + dir + ", which has no conf/ folder. Set "
                        + "sluice.project-dir to the Sluice project's folder (the one holding conf/base/), or "
                        + "package it in the application under src/main/resources/sluice/ and set "
                        + "sluice.project-dir=classpath:sluice/.");
            }
            return new ProjectLocation(dir, false);
        }
        return copied(given.substring(SluiceProperties.CLASSPATH.length()), properties.getWorkDir(), resources);
    }

    private static ProjectLocation copied(String folder, Path workDir, ResourceLoader resources) {
        String root = folder.endsWith("/") ? folder : folder + "/";
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(resources);
        try {
            Resource base = resolver.getResource(SluiceProperties.CLASSPATH + root);
            if (!base.exists() || !resolver.getResource(SluiceProperties.CLASSPATH + root + "conf/").exists()) {
                throw new SluiceException("sluice.project-dir is classpath:" + root + ", but the class path has no "
                        + root + "conf/. Put the project's conf/ (and data/ if it ships inputs) under "
                        + "src/main/resources/" + root + ", or set sluice.project-dir to a folder.");
            }
            String prefix = base.getURL().toString();
            Path dir = workDir != null ? Files.createDirectories(workDir.toAbsolutePath().normalize())
                    : Files.createTempDirectory("sluice-project-");
            for (Resource r : resolver.getResources(SluiceProperties.CLASSPATH + root + "**")) {
                String url = r.getURL().toString();
                if (!url.startsWith(prefix) || url.endsWith("/") || !r.isReadable()) {
                    continue; // folders, and resources of another class path entry with the same name
                }
                Path target = dir.resolve(url.substring(prefix.length())).normalize();
                if (!target.startsWith(dir)) {
                    throw new SluiceException("classpath resource " + url + " would be copied outside " + dir);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = r.getInputStream()) {
                    Path part = Files.createTempFile(target.getParent(), ".part-", "");
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new ProjectLocation(dir, workDir == null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the project on the class path (classpath:" + root + ")", e);
        }
    }

    /** Deletes the folder when it is a temporary copy. */
    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the project copy " + dir, e);
        }
    }
}
