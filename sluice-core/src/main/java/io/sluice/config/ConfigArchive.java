package io.sluice.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The deployable part of a config folder as a {@code .tar.gz}, which {@link ConfigSource} reads
 * back ({@code sluice package} writes it, {@code --conf-source} takes it).
 *
 * <p>What is left out: the {@code local} environment (each developer's own settings and
 * secrets, never deployed), every credentials file of every environment (files of the
 * {@code credentials} kind: {@code credentials*.yml} at any depth, anything below a top-level
 * {@code credentials*} folder), and hidden files and folders. Everything else goes in under one
 * top-level folder ({@code conf/base/catalog.yml}), as Kedro's {@code kedro package} does.
 *
 * <p>Deterministic: entries sorted by path, folders before their files, owner 0/0, modes 0644 and
 * 0755, one fixed time, a gzip header without time or name; the same files always give the
 * same bytes.
 */
public final class ConfigArchive {
    /** The time of every entry: 2000-01-01T00:00:00Z (a fixed one; tar warns about 0). */
    static final long ENTRY_TIME = 946_684_800L;

    private ConfigArchive() {
    }

    /**
     * An archive and what went in and what was left out.
     *
     * @param bytes    the {@code .tar.gz}
     * @param included the files in it, by path in the archive ({@code conf/base/catalog.yml})
     * @param leftOut  the files and folders left out, by path in the config folder
     *                 ({@code conf/local/}, {@code conf/base/credentials.yml})
     */
    public record Packed(byte[] bytes, List<String> included, List<String> leftOut) {
        public Packed {
            included = List.copyOf(included);
            leftOut = List.copyOf(leftOut);
        }
    }

    /**
     * Archives {@code confDir} under the top-level folder {@code folder}.
     *
     * @throws ConfigException if {@code confDir} has no {@code base} folder
     */
    public static Packed pack(Path confDir, String folder) {
        if (!Files.isDirectory(confDir.resolve(ConfigSources.BASE))) {
            throw new ConfigException(Location.of(confDir + "/" + ConfigSources.BASE),
                    "the base config directory does not exist", "A project's config is conf/base plus environments.");
        }
        TreeSet<String> files = new TreeSet<>();
        TreeSet<String> leftOut = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(confDir)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path rel = confDir.relativize(file);
                String slashed = ConfigFiles.slashed(rel);
                String env = rel.getName(0).toString();
                if (rel.getNameCount() < 2) {
                    leftOut.add(folder + "/" + slashed); // a file beside the environments: no env reads it
                } else if (env.equals(ConfigLoader.DEFAULT_ENV)) {
                    leftOut.add(folder + "/" + env + "/");
                } else if (hidden(rel)) {
                    leftOut.add(folder + "/" + slashed);
                } else if (ConfigFiles.matches(ProjectConfig.CREDENTIALS, rel.subpath(1, rel.getNameCount()))) {
                    leftOut.add(folder + "/" + slashed);
                } else {
                    files.add(slashed);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + confDir, e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> included = new ArrayList<>();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            TreeSet<String> dirs = new TreeSet<>();
            dirs.add(folder + "/");
            for (String file : files) {
                String path = folder + "/" + file;
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    dirs.add(path.substring(0, slash + 1));
                }
            }
            TreeSet<String> written = new TreeSet<>();
            for (String file : files) {
                String path = folder + "/" + file;
                for (String dir : dirs.headSet(path)) {
                    if (path.startsWith(dir) && written.add(dir)) {
                        Tar.writeDirectory(gzip, dir, ENTRY_TIME);
                    }
                }
                Tar.writeFile(gzip, path, Files.readAllBytes(confDir.resolve(file)), ENTRY_TIME);
                included.add(path);
            }
            Tar.finish(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + confDir, e);
        }
        return new Packed(bytes.toByteArray(), included, new ArrayList<>(leftOut));
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
