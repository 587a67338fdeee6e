package io.sluice.spark;

import io.sluice.engine.EngineConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code jars} of a {@code spark} engine: what executors load the node's classes from. Local
 * jars and class folders are resolved against the project and checked when the session compiles;
 * a folder ({@code target/classes}) is packed into a temporary jar when the Spark session starts,
 * because executors fetch jars, not folders. URLs ({@code hdfs://}, {@code https://},
 * {@code local:/}) are passed to Spark as written.
 */
final class ShippedJars {
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private final List<String> urls;
    private final List<Path> files;
    private final List<Path> folders;
    /** The jars packed for the running session; deleted when it stops. */
    private volatile List<Path> packed = List.of();

    private ShippedJars(List<String> urls, List<Path> files, List<Path> folders) {
        this.urls = List.copyOf(urls);
        this.files = List.copyOf(files);
        this.folders = List.copyOf(folders);
    }

    /**
     * Reads the entries of {@code jars}.
     *
     * @param at how messages begin (the engine and its place)
     * @throws EngineConfigException for a local jar or folder that does not exist
     */
    static ShippedJars of(List<String> entries, Path projectDir, String at) {
        List<String> urls = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (String entry : entries) {
            if (URL.matcher(entry).matches() && !entry.startsWith("file:") && !isWindowsDrive(entry)) {
                urls.add(entry);
                continue;
            }
            Path p = projectDir.resolve(entry.startsWith("file:") ? entry.substring("file:".length()) : entry)
                    .toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                folders.add(p);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new EngineConfigException(at + "jars lists '" + entry + "', but " + p + " does not exist. "
                        + "Build it first (mvn package), or fix the path (relative paths start at the project).");
            }
        }
        return new ShippedJars(urls, files, folders);
    }

    private static boolean isWindowsDrive(String entry) {
        return entry.length() > 2 && entry.charAt(1) == ':' && Character.isLetter(entry.charAt(0));
    }

    /** Packs each folder into a temporary jar; the caller hands them to {@link #uris} and {@link #created}. */
    List<Path> pack() throws IOException {
        List<Path> out = new ArrayList<>();
        try {
            for (Path folder : folders) {
                out.add(pack(folder));
            }
        } catch (IOException | RuntimeException e) {
            delete(out);
            throw e;
        }
        return out;
    }

    private static Path pack(Path folder) throws IOException {
        Path jar = Files.createTempFile("sluice-spark-" + folder.getFileName() + "-", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(folder) || p.toString().endsWith("META-INF/MANIFEST.MF")) {
                    continue;
                }
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(jar);
            throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        }
        return jar;
    }

    /** What {@code spark.jars} gets: the jars, the packed folders and the URLs. */
    List<String> uris(List<Path> packedJars) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.toUri().toString()));
        packedJars.forEach(f -> out.add(f.toUri().toString()));
        out.addAll(urls);
        return out;
    }

    /** Remembers the jars packed for the session that just started. */
    void created(List<Path> jars) {
        packed = List.copyOf(jars);
    }

    /** Deletes the jars packed for the session that stopped. */
    void deleteCreated() {
        List<Path> jars = packed;
        packed = List.of();
        delete(jars);
    }

    static void delete(List<Path> jars) {
        for (Path p : jars) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                p.toFile().deleteOnExit();
            }
        }
    }
}
