package io.sluice.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a jar whose bytes depend only on the files put in it: the manifest first (written here,
 * attributes in the order given, so no JDK version or attribute-map order leaks in), then
 * folders and files sorted by path, every entry at one fixed local time (DOS times are local, so
 * {@link ZipEntry#setTimeLocal} keeps the time zone out too).
 */
final class DeterministicJar {
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private DeterministicJar() {
    }

    /**
     * Jars the files under {@code dir} with {@code manifest} (attribute name to value, in order;
     * {@code Manifest-Version: 1.0} comes first by itself). A {@code META-INF/MANIFEST.MF} of
     * {@code dir} is replaced.
     */
    static void write(Path jar, Path dir, Map<String, String> manifest) throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString()
                        .replace('\\', '/'), f));
            }
        }
        files.remove("META-INF/MANIFEST.MF");
        TreeSet<String> folders = new TreeSet<>();
        for (String path : files.keySet()) {
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                folders.add(path.substring(0, slash + 1));
            }
        }
        folders.remove("META-INF/");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            put(zip, "META-INF/", null);
            put(zip, "META-INF/MANIFEST.MF", manifest(manifest));
            TreeMap<String, Path> all = new TreeMap<>(files);
            folders.forEach(f -> all.put(f, null));
            for (Map.Entry<String, Path> e : all.entrySet()) {
                put(zip, e.getKey(), e.getValue() == null ? null : Files.readAllBytes(e.getValue()));
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        if (data != null) {
            zip.write(data);
        }
        zip.closeEntry();
    }

    /** The manifest text: lines of at most 72 bytes, continued with a leading space, CRLF ends. */
    static byte[] manifest(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder("Manifest-Version: 1.0\r\n");
        attributes.forEach((name, value) -> {
            byte[] line = (name + ": " + value).getBytes(StandardCharsets.UTF_8);
            List<String> parts = new ArrayList<>();
            int start = 0;
            int limit = 72;
            while (start < line.length) {
                int end = Math.min(line.length, start + limit);
                while (end < line.length && (line[end] & 0xC0) == 0x80) {
                    end--; // never split a UTF-8 sequence
                }
                parts.add(new String(line, start, end - start, StandardCharsets.UTF_8));
                start = end;
                limit = 71; // continuation lines start with a space
            }
            sb.append(String.join("\r\n ", parts)).append("\r\n");
        });
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
