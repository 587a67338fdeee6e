package io.sluice.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.run.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checksum record of a saved file, kept beside it as {@code .<file name>.sluice}:
 *
 * <pre>{@code
 * {
 *   "sluice_record" : 1,
 *   "file" : "companies.csv",
 *   "algorithm" : "CRC32C",
 *   "checksum" : "5e1f3a0c",
 *   "size" : 57488913,
 *   "run_id" : "2026-11-22T02.34.56.789Z-0000-3fa1c2d4",
 *   "saved_at" : "2026-11-22T02:34:57.012Z",
 *   "writer" : { "host" : "build-7", "pid" : 41327, "started" : "2026-11-22T02:34:55.101Z" },
 *   "previous" : { "checksum" : "0b9d27e4", "size" : 57488876, "run_id" : "...", "saved_at" : "..." }
 * }
 * }</pre>
 *
 * <p>{@code previous} describes the file this save replaced, as its own record said. The record
 * is moved into place <em>before</em> the data file (see {@link AtomicFiles}), so a save
 * interrupted between the two renames leaves the old file under the new record: a load then finds
 * the old file's checksum, equal to {@code previous.checksum}, and says the save was interrupted
 * rather than that the file was damaged. {@code writer} lets a reader that meets that state tell
 * a save still in progress (its writer alive, finishing) from an interrupted one.
 *
 * @param previous the record of the file this save replaced, or null (first save, or an older
 *                 file without a record)
 */
record FileRecord(String file, String checksum, long size, String runId, Instant savedAt, ProcessIdentity writer,
                  Prior previous) {
    /** The only algorithm: CRC32C, computed by the JDK with the CPU's CRC instructions. */
    static final String ALGORITHM = "CRC32C";
    /** The suffix of record files: {@code .x.csv.sluice} for {@code x.csv}. */
    static final String SUFFIX = ".sluice";
    private static final int FORMAT = 1;
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");

    /** What a record said about an earlier save of the same file. */
    record Prior(String checksum, long size, String runId, Instant savedAt) {
    }

    /** The record file of {@code data}. */
    static Path fileOf(Path data) {
        return data.resolveSibling("." + data.getFileName() + SUFFIX);
    }

    /** The data file of a record file, or empty when {@code record} is not named as one. */
    static Optional<Path> dataFileOf(Path record) {
        String name = record.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(SUFFIX) || name.length() <= 1 + SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(record.resolveSibling(name.substring(1, name.length() - SUFFIX.length())));
    }

    /** A CRC32C value as records write it. */
    static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /** The public view. */
    SavedFile view(Path data) {
        return new SavedFile(data, runId, savedAt, ALGORITHM, checksum, size);
    }

    Prior asPrior() {
        return new Prior(checksum, size, runId, savedAt);
    }

    byte[] toJson() throws IOException {
        ObjectNode root = Jackson.DATA.createObjectNode();
        root.put("sluice_record", FORMAT);
        root.put("file", file);
        root.put("algorithm", ALGORITHM);
        root.put("checksum", checksum);
        root.put("size", size);
        root.put("run_id", runId);
        root.put("saved_at", savedAt.toString());
        ObjectNode w = root.putObject("writer");
        w.put("host", writer.host());
        w.put("pid", writer.pid());
        if (writer.started() != null) {
            w.put("started", writer.started().toString());
        }
        if (previous != null) {
            ObjectNode p = root.putObject("previous");
            p.put("checksum", previous.checksum());
            p.put("size", previous.size());
            if (previous.runId() != null) {
                p.put("run_id", previous.runId());
            }
            if (previous.savedAt() != null) {
                p.put("saved_at", previous.savedAt().toString());
            }
        }
        return Jackson.DATA.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * The record of {@code data}, or empty when it has none.
     *
     * @throws Damaged when the record exists but cannot be read as one
     * @throws IOException when it cannot be read at all
     */
    static Optional<FileRecord> read(Path data) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(fileOf(data));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(bytes));
    }

    static FileRecord parse(byte[] bytes) throws Damaged {
        JsonNode root;
        try {
            root = Jackson.DATA.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Damaged("it is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new Damaged("it cannot be parsed (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Damaged("it is not a JSON object");
        }
        String algorithm = root.path("algorithm").asText("");
        if (!ALGORITHM.equals(algorithm)) {
            throw new Damaged("its algorithm is '" + algorithm + "', not " + ALGORITHM);
        }
        String checksum = root.path("checksum").asText("");
        if (!HEX8.matcher(checksum).matches()) {
            throw new Damaged("its checksum '" + checksum + "' is not 8 hex digits");
        }
        JsonNode size = root.path("size");
        if (!size.canConvertToLong() || size.asLong() < 0) {
            throw new Damaged("its size is not a number of bytes");
        }
        JsonNode w = root.path("writer");
        ProcessIdentity writer = new ProcessIdentity(w.path("host").asText(""), w.path("pid").asLong(-1),
                instant(w.path("started")));
        Prior previous = null;
        JsonNode p = root.path("previous");
        if (p.isObject() && HEX8.matcher(p.path("checksum").asText("")).matches()) {
            previous = new Prior(p.path("checksum").asText(), p.path("size").asLong(-1),
                    text(p.path("run_id")), instant(p.path("saved_at")));
        }
        return new FileRecord(root.path("file").asText(""), checksum, size.asLong(), text(root.path("run_id")),
                instant(root.path("saved_at")), writer, previous);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A record file that exists but is not a record. */
    static final class Damaged extends IOException {
        Damaged(String why) {
            super(why);
        }
    }
}
