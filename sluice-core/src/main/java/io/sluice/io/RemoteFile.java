package io.sluice.io;

import io.sluice.run.ProcessIdentity;
import io.sluice.run.RunContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The object-storage side of {@link FileLocation}: a file dataset whose {@code filepath} is a URL
 * ({@code s3://bucket/data/x.csv}) read and written through the {@link ObjectStorage} of the
 * engine its {@code storage:} names, with the guarantees of local files.
 *
 * <ul>
 *   <li><b>Atomic saves.</b> The data object is written by one atomic {@link ObjectStorage#write}
 *       (a single PUT, or a multipart upload that only appears when completed), so readers see
 *       the old object or the whole new one.</li>
 *   <li><b>Checksums.</b> Its checksum record ({@code s3://bucket/data/.x.csv.sluice}, the JSON of
 *       {@link FileRecord}) is written <em>after</em> the data: a record never describes an object
 *       that is not there yet. The CRC32C is computed as the bytes stream out, and again as they
 *       stream in on load, where a mismatch is a {@link ChecksumMismatchException} (after a few
 *       quick retries when the object is newer than its record: a save between its two
 *       writes).</li>
 *   <li><b>Versions</b> are keys: {@code data/x.csv/<version>/x.csv}, never overwritten.</li>
 * </ul>
 *
 * <p>Loads stream the object (one GET) through the dataset's parser: there is no read by
 * position, so the multi-threaded CSV path of local files does not apply. Readers that open a
 * file by its path (DuckDB for Parquet, ONNX Runtime) get a verified local copy under the
 * project's {@code .sluice/objects/<scheme>/<bucket>/<key>}, the same place that stands for the
 * object in messages ({@link DatasetConfig#display} shows it as its URL).
 */
final class RemoteFile {
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://.*");
    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");
    private static final int ATTEMPTS = 6;
    /** Where local copies of objects live under a project, and what {@link DatasetConfig#display} maps back. */
    static final String OBJECTS = ".sluice/objects";

    private final DatasetConfig config;
    private final String url;
    private final String name;
    private final boolean versioned;
    private final boolean checksum;
    private final ObjectStorage storage;

    RemoteFile(DatasetConfig config, String url, boolean versioned, boolean checksum, ObjectStorage storage) {
        this.config = config;
        this.url = url;
        this.name = url.substring(url.lastIndexOf('/') + 1);
        this.versioned = versioned;
        this.checksum = checksum;
        this.storage = storage;
    }

    /** Whether {@code filepath} is a URL with a scheme ({@code s3://...}) rather than a local path. */
    static boolean isUrl(String filepath) {
        return URL.matcher(filepath).matches();
    }

    /**
     * Why {@code url} cannot name an object, or null: it needs a bucket and a key, and segments
     * that a path keeps as they are (no empty, {@code .} or {@code ..} segment, no trailing '/').
     */
    static String problem(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return "it needs a bucket and a key, as in " + url.substring(0, url.indexOf("://") + 3)
                    + "bucket/data/file.csv";
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                return "its segments must be non-empty names without '\\' (no '//', '.', '..' or trailing '/')";
            }
        }
        return null;
    }

    /** The local path that stands for {@code url} under {@code projectDir}: its copy for path readers, its name in messages. */
    static Path view(Path projectDir, String url) {
        String scheme = url.substring(0, url.indexOf("://"));
        return projectDir.resolve(OBJECTS).resolve(scheme).resolve(url.substring(scheme.length() + 3)).normalize();
    }

    /** The URL a {@link #view} path stands for, or null when {@code path} is not one. */
    static String urlOf(Path projectDir, Path path) {
        Path root = projectDir.resolve(OBJECTS);
        if (!path.startsWith(root) || root.relativize(path).getNameCount() < 2) {
            return null;
        }
        Path rel = root.relativize(path);
        return rel.getName(0) + "://" + rel.subpath(1, rel.getNameCount()).toString().replace('\\', '/');
    }

    String url() {
        return url;
    }

    Path view(String objectUrl) {
        return view(config.projectDir(), objectUrl);
    }

    // ---- loads ----------------------------------------------------------------------------------

    /** The object a load in {@code run} reads: the URL, or the pinned or latest version's. */
    String resolveLoad(RunContext run) {
        if (!versioned) {
            return url;
        }
        Optional<String> pinned = run.loadVersion(config.name());
        if (pinned.isPresent()) {
            String version = checkVersion(pinned.get());
            String file = fileOf(version);
            if (stat(file).isEmpty()) {
                throw new DatasetException(config.subject() + ": version " + version + " does not exist (no object "
                        + file + " in " + storage.subject() + "). Versions: " + show(versions()) + ".");
            }
            return file;
        }
        List<String> versions = versions();
        if (versions.isEmpty()) {
            throw new DatasetException(config.subject() + ": no version exists yet under " + url + " in "
                    + storage.subject() + ". Run the node that saves it first.");
        }
        return fileOf(versions.get(versions.size() - 1));
    }

    /** Reads the object of {@code run} with {@code parser}, checked against its record as the bytes pass. */
    <R> R read(RunContext run, FileLocation.Parser<R> parser) {
        String file = resolveLoad(run);
        return read(file, parser);
    }

    private <R> R read(String file, FileLocation.Parser<R> parser) {
        Path view = view(file);
        for (int attempt = 1; ; attempt++) {
            ObjectStorage.Opened opened = openChecked(file);
            if (checksum && opened.crc32c() != null) {
                return readKept(file, view, opened, parser);
            }
            FileRecord record = checksum ? record(file) : null;
            if (record == null) {
                try (InputStream raw = opened.in()) {
                    return parser.parse(raw, view);
                } catch (IOException e) {
                    throw failure("read", file, e);
                } catch (UncheckedIOException e) {
                    throw failure("read", file, e.getCause());
                }
            }
            Outcome<R> outcome = parseChecked(file, view, opened, parser);
            if (outcome.matches(record)) {
                return outcome.value(this, file);
            }
            if (attempt < ATTEMPTS && saveInProgress(file, record)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10L * attempt * attempt));
                continue;
            }
            throw mismatch(file, record, outcome);
        }
    }

    /**
     * A verified local copy of the object to load in {@code run}, for readers that open files by
     * their path. Costs a download to the project's disk at each load.
     */
    Path forLoad(RunContext run) {
        String file = resolveLoad(run);
        Path view = view(file);
        return read(file, (in, ignored) -> {
            AtomicFiles.write(view, run, in::transferTo);
            return view;
        });
    }

    /**
     * Reads an object whose store kept its checksum with it (written in the same atomic write):
     * no record to pair, so no race with a save; a mismatch is damage, never a save in progress.
     */
    private <R> R readKept(String file, Path view, ObjectStorage.Opened opened, FileLocation.Parser<R> parser) {
        Outcome<R> outcome = parseChecked(file, view, opened, parser);
        String found = FileRecord.hex(outcome.written().crc());
        long foundSize = outcome.written().size();
        if (found.equals(opened.crc32c()) && foundSize == opened.size()) {
            return outcome.value(this, file);
        }
        String m = config.subject() + ": " + file + " does not match the checksum " + storage.subject()
                + " keeps with it: expected CRC32C " + opened.crc32c() + " (" + bytes(opened.size()) + "); found "
                + found + " (" + bytes(foundSize) + "). The object was damaged in the store or on the way."
                + " Load it again; if it fails again, save it again (re-run the node that writes it).";
        FileRecord record = record(file); // who saved it, for the exception; the checksum came with the object
        SavedFile expected = new SavedFile(view, record == null ? null : record.runId(),
                record == null ? null : record.savedAt(), FileRecord.ALGORITHM, opened.crc32c(), opened.size());
        throw new ChecksumMismatchException(m, expected, found, foundSize, false, outcome.failure());
    }

    /** Parses the opened object while its CRC32C and size are computed, to the end of the bytes. */
    private <R> Outcome<R> parseChecked(String file, Path view, ObjectStorage.Opened opened,
                                        FileLocation.Parser<R> parser) {
        try (InputStream raw = opened.in()) {
            Verification.CheckedStream in = new Verification.CheckedStream(raw);
            try {
                R value = parser.parse(in, view);
                in.drain();
                return new Outcome<>(value, null, in.written());
            } catch (IOException | RuntimeException e) {
                // a damaged object often fails to parse: finish the checksum, so that the
                // error says "damaged" rather than whatever the parser tripped over
                in.drain();
                return new Outcome<>(null, e, in.written());
            }
        } catch (IOException e) {
            throw failure("read", file, e);
        } catch (UncheckedIOException e) {
            throw failure("read", file, e.getCause());
        }
    }

    private ObjectStorage.Opened openChecked(String file) {
        try {
            return storage.openChecked(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(config.subject() + ": object " + file + " does not exist in "
                    + storage.subject() + ". Check the filepath, or run the node that saves it first.", e);
        } catch (IOException e) {
            throw failure("read", file, e);
        }
    }

    /** The record of {@code file}, or null; a damaged one is an error naming the way out. */
    FileRecord record(String file) {
        byte[] bytes = recordBytes(file);
        if (bytes == null) {
            return null;
        }
        try {
            return FileRecord.parse(bytes);
        } catch (FileRecord.Damaged e) {
            throw new DatasetException(config.subject() + ": the checksum record " + recordOf(file) + " of " + file
                    + " is damaged: " + e.getMessage() + ". Delete it (the object then loads unchecked until its next"
                    + " save records it again) or set checksum: false on the entry.");
        }
    }

    private byte[] recordBytes(String file) {
        String recordUrl = recordOf(file);
        try (InputStream in = storage.open(recordUrl)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("read the checksum record of", file, e);
        }
    }

    /**
     * Whether a mismatch may be a save caught between its two writes (the object first, its
     * record second): the record changed since it was read, or the object is not older than it.
     * Stores keep modification times to the second (S3 does), so "not older" allows a second.
     */
    private boolean saveInProgress(String file, FileRecord seen) {
        FileRecord now = record(file);
        if (now == null || !now.checksum().equals(seen.checksum()) || now.size() != seen.size()) {
            return true;
        }
        Optional<ObjectStorage.StoredObject> data = stat(file);
        return data.isPresent() && seen.savedAt() != null && data.get().lastModified() != null
                && !data.get().lastModified().isBefore(seen.savedAt().minusSeconds(1));
    }

    private ChecksumMismatchException mismatch(String file, FileRecord record, Outcome<?> outcome) {
        String found = FileRecord.hex(outcome.written().crc());
        long foundSize = outcome.written().size();
        String recordUrl = recordOf(file);
        String m = config.subject() + ": " + file + " does not match its checksum record " + recordUrl
                + ": expected CRC32C " + record.checksum() + " (" + bytes(record.size()) + "), saved by run "
                + record.runId() + " at " + record.savedAt() + "; found " + found + " (" + bytes(foundSize) + ")."
                + " The object changed after it was saved (another program wrote it), or a save stopped between"
                + " writing the object and its record (the record is written second). Save it again (re-run the"
                + " node that writes it). If you changed the object on purpose, delete " + recordUrl
                + " or set checksum: false on the entry.";
        return new ChecksumMismatchException(m, record.view(view(file)), found, foundSize, false, outcome.failure());
    }

    // ---- saves ----------------------------------------------------------------------------------

    /** The object a save in {@code run} writes: the URL, or a new version's. */
    String forSave(RunContext run) {
        if (!versioned) {
            return url;
        }
        String version = checkVersion(run.saveVersion());
        String file = fileOf(version);
        List<String> existing;
        try {
            existing = storage.list(url + "/" + version + "/");
        } catch (IOException e) {
            throw failure("list", url + "/" + version + "/", e);
        }
        if (!existing.isEmpty()) {
            throw new DatasetException(config.subject() + ": version " + version + " already exists at " + url + "/"
                    + version + "/; versions are never overwritten. Use a new run id.");
        }
        return file;
    }

    /** Writes the object of {@code run} with {@code body}, then its checksum record. */
    Path save(RunContext run, AtomicFiles.Body body) {
        String file = forSave(run);
        FileRecord.Prior prior = prior(file);
        AtomicFiles.Written written;
        try {
            written = writeMeasured(file, body);
        } catch (IOException e) {
            throw failure("write", file, e);
        }
        writeRecord(file, run, written, prior);
        return view(file);
    }

    /** {@link #save} for a writer that only takes a path: it writes a local file, which is then uploaded. */
    Path saveFile(RunContext run, AtomicFiles.FileBody body) {
        String file = forSave(run);
        FileRecord.Prior prior = prior(file);
        Path temp = null;
        AtomicFiles.Written written;
        try {
            temp = TempFiles.reserve(view(file));
            body.writeTo(temp);
            if (!Files.isRegularFile(temp)) {
                throw new IOException("the writer did not create the file " + temp);
            }
            Path local = temp;
            written = writeMeasured(file, out -> Files.copy(local, out));
        } catch (IOException e) {
            throw failure("write", file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover temporary file is swept by the next write into its folder
                }
            }
        }
        writeRecord(file, run, written, prior);
        return view(file);
    }

    private AtomicFiles.Written writeMeasured(String file, AtomicFiles.Body body) throws IOException {
        AtomicFiles.Written[] written = new AtomicFiles.Written[1];
        storage.write(file, out -> {
            AtomicFiles.Measuring measured = new AtomicFiles.Measuring(out);
            // bodies may close what they are given (Jackson does); the storage commits after this returns
            body.writeTo(new FilterOutputStream(measured) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    measured.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            measured.flush();
            written[0] = new AtomicFiles.Written(measured.crc.getValue(), measured.size);
        });
        return written[0];
    }

    private void writeRecord(String file, RunContext run, AtomicFiles.Written written, FileRecord.Prior prior) {
        FileRecord record = new FileRecord(name, FileRecord.hex(written.crc()), written.size(),
                run != null ? run.runId() : io.sluice.run.RunIds.once(), Instant.now(), ProcessIdentity.CURRENT,
                prior);
        String recordUrl = recordOf(file);
        try {
            byte[] json = record.toJson();
            storage.write(recordUrl, out -> out.write(json));
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": saved " + file + " but cannot write its checksum record "
                    + recordUrl + " through " + storage.subject() + ": " + e.getMessage() + ". The object is whole,"
                    + " but loads will find it does not match its previous record: save it again.", e);
        }
    }

    private FileRecord.Prior prior(String file) {
        if (versioned) {
            return null;
        }
        byte[] old = recordBytes(file);
        if (old == null) {
            return null;
        }
        try {
            return FileRecord.parse(old).asPrior();
        } catch (FileRecord.Damaged e) {
            return null;
        }
    }

    // ---- existence and versions ------------------------------------------------------------------

    boolean exists(RunContext run) {
        if (!versioned) {
            return stat(url).isPresent();
        }
        Optional<String> pinned = run.loadVersion(config.name());
        return pinned.map(v -> stat(fileOf(checkVersion(v))).isPresent()).orElseGet(() -> !versions().isEmpty());
    }

    List<String> versions() {
        if (!versioned) {
            return List.of();
        }
        String prefix = url + "/";
        List<String> versions = new ArrayList<>();
        List<String> objects;
        try {
            objects = storage.list(prefix);
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        for (String object : objects) {
            String rest = object.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.substring(slash + 1).equals(name)) {
                String version = rest.substring(0, slash);
                if (SAFE_VERSION.matcher(version).matches()) {
                    versions.add(version);
                }
            }
        }
        Collections.sort(versions);
        return versions;
    }

    Optional<SavedFile> saved(RunContext run) {
        if (!exists(run)) {
            return Optional.empty();
        }
        String file = resolveLoad(run);
        return Optional.ofNullable(record(file)).map(r -> r.view(view(file)));
    }

    private Optional<ObjectStorage.StoredObject> stat(String file) {
        try {
            return storage.stat(file);
        } catch (IOException e) {
            throw failure("look up", file, e);
        }
    }

    private String fileOf(String version) {
        return url + "/" + version + "/" + name;
    }

    private String checkVersion(String version) {
        if (version == null || !SAFE_VERSION.matcher(version).matches() || version.contains("..")) {
            throw new DatasetException(config.subject() + ": invalid version '" + version + "': a version is a "
                    + "key segment of letters, digits and . _ : + - (no '/', no '..').");
        }
        return version;
    }

    static String recordOf(String file) {
        int slash = file.lastIndexOf('/');
        return file.substring(0, slash + 1) + "." + file.substring(slash + 1) + FileRecord.SUFFIX;
    }

    /** "dataset 'x' (csv): cannot read s3://b/k through engine 'lake' (s3, conf/base/engines.yml:1:1): why". */
    DatasetException failure(String what, String file, IOException e) {
        return new DatasetException(config.subject() + ": cannot " + what + " " + file + " through "
                + storage.subject() + ": " + e.getMessage(), e);
    }

    String subject() {
        return storage.subject();
    }

    private static String show(List<String> versions) {
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d byte%s", n, n == 1 ? "" : "s");
    }

    /** What a checked read gave: the value or the parser's failure, and what the object held. */
    private record Outcome<R>(R value, Throwable failure, AtomicFiles.Written written) {
        boolean matches(FileRecord record) {
            return written.size() == record.size() && FileRecord.hex(written.crc()).equals(record.checksum());
        }

        R value(RemoteFile remote, String file) {
            if (failure instanceof UncheckedIOException u) {
                throw remote.failure("read", file, u.getCause());
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof IOException e) {
                throw remote.failure("read", file, e);
            }
            return value;
        }
    }
}
