package io.sluice.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a config archive ({@code .zip} or {@code .tar.gz}, told apart by their first bytes) into
 * a {@link MemoryTree}. The folder is the archive's top, or its one top-level folder when base/
 * is in there (as {@code sluice package} and {@code kedro package} write it: {@code conf/base/...}).
 * An entry whose path leaves the folder ({@code ..}, an absolute path: "zip slip") or a link
 * refuses the whole archive.
 */
final class ConfigArchives {
    /** The most bytes an archive, and its files in all, may hold: config is small. */
    static final long MAX_BYTES = 64L << 20;

    private ConfigArchives() {
    }

    /**
     * @param bytes the archive
     * @param shown the archive as shown in messages (a path or URL)
     */
    static MemoryTree read(byte[] bytes, String shown) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try {
            if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
                readZip(new ByteArrayInputStream(bytes), shown, files);
            } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    Tar.read(in, MAX_BYTES, entry -> add(shown, entry.path(), entry.isDirectory(),
                            entry.isFile() || entry.isDirectory() ? null : "a link or special file", entry.data(), files));
                }
            } else {
                throw new ConfigException(Location.of(shown), "the config source is neither a folder nor a .zip or "
                        + ".tar.gz archive", "Give a folder holding base/, or an archive of one (sluice package).");
            }
        } catch (IOException e) {
            throw new ConfigException(Location.of(shown), "cannot read the config archive: " + e.getMessage(),
                    "The archive is corrupt or truncated; make it again (sluice package).");
        }
        return new MemoryTree(rooted(files, shown), shown + "!" + root(files, shown));
    }

    private static void readZip(InputStream in, String shown, SortedMap<String, byte[]> files) throws IOException {
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                byte[] data = zip.readNBytes((int) Math.min(MAX_BYTES - total + 1, Integer.MAX_VALUE - 16));
                total += data.length;
                if (total > MAX_BYTES) {
                    throw new IOException("the archive holds more than " + MAX_BYTES + " bytes");
                }
                add(shown, entry.getName(), entry.isDirectory(), null, data, files);
            }
            if (!any) {
                throw new IOException("no entries (not a zip archive, or an empty one)");
            }
        }
    }

    private static void add(String shown, String path, boolean directory, String refused, byte[] data,
            SortedMap<String, byte[]> files) {
        String normal = path.replace('\\', '/');
        while (normal.startsWith("./")) {
            normal = normal.substring(2);
        }
        boolean escapes = normal.startsWith("/") || normal.matches("^[A-Za-z]:.*");
        for (String part : normal.split("/")) {
            escapes |= part.equals("..");
        }
        if (escapes) {
            throw new ConfigException(Location.of(shown + "!/" + path), "the archive entry \"" + path
                    + "\" points outside the config folder (zip slip); the archive is refused",
                    "Make the archive with paths relative to its folder, e.g. with sluice package.");
        }
        if (refused != null) {
            throw new ConfigException(Location.of(shown + "!/" + path), "the archive entry \"" + path + "\" is "
                    + refused + "; the archive is refused", "Config archives hold plain files and folders only.");
        }
        if (!directory && !normal.isEmpty() && !normal.endsWith("/")) {
            files.put(normal, data);
        }
    }

    /** "/" when base/ is at the top, "/conf" when it is in the only top-level folder conf/. */
    private static String root(SortedMap<String, byte[]> files, String shown) {
        TreeSet<String> tops = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith(ConfigSources.BASE + "/")) {
                return "";
            }
            int slash = path.indexOf('/');
            tops.add(slash < 0 ? path : path.substring(0, slash));
        }
        if (tops.size() == 1) {
            String top = tops.first();
            String prefix = top + "/" + ConfigSources.BASE + "/";
            if (files.keySet().stream().anyMatch(p -> p.startsWith(prefix))) {
                return "/" + top;
            }
        }
        throw new ConfigException(Location.of(shown), "the config archive has no base/ folder, neither at its top "
                + "nor in its one top-level folder (it holds: " + String.join(", ", tops) + ")",
                "Archive the conf folder itself, e.g. with sluice package.");
    }

    private static SortedMap<String, byte[]> rooted(SortedMap<String, byte[]> files, String shown) {
        String root = root(files, shown);
        if (root.isEmpty()) {
            return files;
        }
        String prefix = root.substring(1) + "/";
        SortedMap<String, byte[]> out = new TreeMap<>();
        files.forEach((path, data) -> out.put(path.substring(prefix.length()), data));
        return out;
    }
}
