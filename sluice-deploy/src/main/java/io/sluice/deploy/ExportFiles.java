package io.sluice.deploy;

import io.sluice.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one export: relative paths ({@code /}-separated) to UTF-8 text with {@code \n}
 * line ends, byte-identical for the same plan in every process.
 *
 * @param target        the target's name
 * @param structureHash the pipeline's structure hash every file carries
 * @param files         the files by relative path, sorted
 */
public record ExportFiles(String target, String structureHash, SortedMap<String, String> files) {
    private static final Pattern HASH = Pattern.compile("structure[ _-]hash\\W{0,6}([0-9a-f]{64})",
            Pattern.CASE_INSENSITIVE);

    public ExportFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        for (Map.Entry<String, String> f : files.entrySet()) {
            if (!f.getValue().contains(structureHash)) {
                throw new IllegalStateException(target + ": " + f.getKey() + " does not carry the structure hash");
            }
            if (f.getValue().indexOf('\r') >= 0) {
                throw new IllegalStateException(target + ": " + f.getKey() + " has a carriage return");
            }
        }
    }

    /**
     * Writes the files into {@code dir}, replacing it whole: they are written into a temporary
     * sibling folder that is then renamed to {@code dir} (a previous {@code dir} is renamed
     * aside first and deleted after). A failure leaves {@code dir} as it was.
     *
     * @throws SluiceException when a file cannot be written
     */
    public void writeTo(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        Path parent = folder.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + folder.getFileName() + ".tmp-");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = tmp.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            Path old = null;
            if (Files.exists(folder)) {
                old = parent.resolve("." + folder.getFileName() + ".old-" + tmp.getFileName().toString()
                        .substring(tmp.getFileName().toString().lastIndexOf('-') + 1));
                move(folder, old);
            }
            try {
                move(tmp, folder);
            } catch (IOException e) {
                if (old != null) {
                    move(old, folder);
                }
                throw e;
            }
            tmp = null;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot write the " + target + " export to " + folder + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden temp folder beside the output
                }
            }
        }
    }

    /**
     * Compares these files with those deployed in {@code dir}: stale when a deployed file carries
     * another structure hash (the pipeline's structure changed: re-translate), when a file is
     * missing, or when one's bytes differ (the image, env, settings or Sluice's output changed).
     */
    public Staleness check(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new Staleness(false, "no deployed files: " + dir + " is not a directory");
        }
        List<String> missing = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            if (!Files.isRegularFile(file)) {
                missing.add(f.getKey());
                continue;
            }
            String deployed;
            try {
                deployed = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                deployed = "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = HASH.matcher(deployed);
            if (m.find() && !m.group(1).equals(structureHash)) {
                return new Staleness(false, "the structure hash differs: " + f.getKey() + " was exported from "
                        + m.group(1) + ", the pipeline's is now " + structureHash);
            }
            if (!deployed.equals(f.getValue())) {
                differ.add(f.getKey());
            }
        }
        if (missing.isEmpty() && differ.isEmpty()) {
            return new Staleness(true, "up to date (structure hash " + structureHash + ")");
        }
        StringBuilder why = new StringBuilder("the files differ");
        if (!differ.isEmpty()) {
            why.append(": ").append(String.join(", ", differ)).append(" changed (same structure hash)");
        }
        if (!missing.isEmpty()) {
            why.append(differ.isEmpty() ? ": " : "; ").append("missing ").append(String.join(", ", missing));
        }
        return new Staleness(false, why.toString());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
