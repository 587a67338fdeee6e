package io.sluice.io;

import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a file dataset reads and writes, with Kedro-style versioning.
 *
 * <p>Unversioned, it is the {@code filepath} itself. With {@code versioned: true} the filepath
 * names a folder of versions: {@code data/01_raw/companies.csv/<version>/companies.csv}. A save
 * writes a new version named by the id of the run it is given ({@link RunContext#saveVersion()});
 * versions are immutable, so saving a version that exists is an error. A load reads the version
 * the run pins for this dataset ({@code sluice run --load-versions companies:<version>}) or else
 * the latest one — the greatest name, which for run ids is the newest.
 *
 * <p>Every method takes the run it works for. The forms without one are for work outside runs:
 * they take {@link RunContext#currentOr} (the thread's run if any, else a fresh version).
 *
 * <p>Version strings become folder names, so they must be safe file names: a version holding a
 * path separator or {@code ..} is rejected.
 *
 * <p><b>Checksums.</b> Every save through {@link AtomicFiles} (and so through
 * {@link #save(RunContext, AtomicFiles.Body)}) records the file's CRC32C checksum, size, run and
 * time in a hidden record beside it ({@code data/.x.csv.sluice}; for versioned datasets, one per
 * version). Loads check the file against its record: {@link #read} while the dataset reads the
 * bytes, {@link #forLoad(RunContext)} by reading the file once before handing its path to a
 * reader that opens it itself (DuckDB, ONNX Runtime). A file that does not match is a
 * {@link ChecksumMismatchException} naming the file, both checksums, the run that saved it and
 * the fix. A file without a record (an input put there by hand or another tool) loads unchecked.
 * The entry's {@code checksum: false} turns the check off (saves still record, so that
 * {@link #saved} keeps telling which run wrote the file).
 *
 * <p><b>Object storage.</b> A {@code filepath} that is a URL ({@code s3://bucket/data/x.csv})
 * names an object of the storage engine the entry's {@code storage:} names (an engine of
 * {@code engines.yml} that is a {@link StorageEngine}); the same methods then read and write it
 * through its {@link ObjectStorage}, with the same guarantees: atomic saves (one PUT or a completed
 * multipart upload), a checksum record beside the object ({@code s3://bucket/data/.x.csv.sluice},
 * written after it) checked as loads stream the bytes, versions as new keys
 * ({@code x.csv/<version>/x.csv}). There is no read by position ({@link #readDirect} is empty), so
 * CSV objects are parsed by one thread as they stream in. {@link #forLoad(RunContext)} downloads
 * a checked copy under the project's {@code .sluice/objects/} for readers that need a path;
 * {@link #saveFile} uploads what a path writer wrote. Messages show objects by their URL.
 *
 * <p>File datasets (built-in and user-written) take their paths from here, which gives them all
 * the same versioning and checks.
 */
public final class FileLocation {
    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");

    private final DatasetConfig config;
    private final Path path;
    private final boolean versioned;
    private final boolean checksum;
    /** {@link #sharedLocation()}, computed once: runs ask for it every time. */
    private final Optional<DataLocation> shared;
    /** The object store side, when {@code filepath} is a URL; null for local files. */
    private final RemoteFile remote;

    private FileLocation(DatasetConfig config, Path path, boolean versioned, boolean checksum, RemoteFile remote) {
        this.config = config;
        this.path = path;
        this.versioned = versioned;
        this.checksum = checksum;
        this.remote = remote;
        String shown = "dataset '" + config.name() + "' (" + config.display(path) + ")";
        this.shared = versioned ? Optional.empty()
                : Optional.of(remote == null ? DataLocation.file(path, shown)
                : DataLocation.other(config.projectDir(), remote.url(), shown));
    }

    /**
     * Reads {@code filepath} (required), {@code versioned} (default false) and {@code checksum}
     * (default true) from the entry; for a {@code filepath} that is a URL ({@code s3://bucket/key}),
     * also {@code storage} (required then): the engine that stores the object.
     */
    public static FileLocation of(DatasetConfig config) {
        String filepath = config.string("filepath");
        if (!RemoteFile.isUrl(filepath)) {
            return new FileLocation(config, config.resolve(filepath), config.bool("versioned", false),
                    config.bool("checksum", true), null);
        }
        String problem = RemoteFile.problem(filepath);
        if (problem != null) {
            throw new DatasetConfigException(config.location("filepath") + ": " + config.configSubject()
                    + ": filepath '" + filepath + "' is not an object URL: " + problem + ".");
        }
        boolean versioned = config.bool("versioned", false);
        boolean checksum = config.bool("checksum", true);
        String scheme = filepath.substring(0, filepath.indexOf("://"));
        ObjectStorage storage = config.storage("storage", scheme, "filepath");
        String refused = storage.problem(filepath);
        if (refused != null) {
            throw new DatasetConfigException(config.location("filepath") + ": " + config.configSubject()
                    + ": filepath '" + filepath + "': " + refused + ".");
        }
        return new FileLocation(config, RemoteFile.view(config.projectDir(), filepath), versioned, checksum,
                new RemoteFile(config, filepath, versioned, checksum, storage));
    }

    /** The object URL when {@code filepath} is one ({@code s3://bucket/key}); empty for local files. */
    public Optional<String> url() {
        return remote == null ? Optional.empty() : Optional.of(remote.url());
    }

    /** How {@link #read} hands a file's content to a dataset. */
    @FunctionalInterface
    public interface Parser<R> {
        /**
         * Reads the content of {@code file} from {@code in}. It need not read to the end (the rest
         * is read for the checksum afterwards) nor close {@code in}.
         */
        R parse(InputStream in, Path file) throws IOException;
    }

    /**
     * How {@link #readDirect} hands a file to a dataset that reads it itself, by position (for
     * instance from several threads).
     */
    @FunctionalInterface
    public interface DirectParser<R> {
        /**
         * Reads the {@code size} bytes of {@code file} open as {@code channel}; with
         * {@code checksum}, computes the CRC32C of every byte it read.
         *
         * @return the value with the checksum and the number of bytes read, or {@code null} when
         *         this parser leaves the file to {@link #read}
         */
        Parsed<R> parse(FileChannel channel, Path file, long size, boolean checksum) throws IOException;
    }

    /** What a {@link DirectParser} read: its value, the CRC32C of the bytes (if asked) and their number. */
    public record Parsed<R>(R value, long crc, long size) {
    }

    /**
     * Reads the file to load in {@code run} with a parser that reads it by position, checking what
     * it read against the file's checksum record. It never fails for the file's sake: when the
     * file is missing, unreadable, does not match its record, or the parser declines, the result
     * is empty and the dataset reads the file with {@link #read}, which retries a save caught
     * half-way and explains every failure.
     *
     * @throws DatasetException when the version to load cannot be resolved, or the checksum
     *                          record is damaged (as {@link #read} would)
     */
    public <R> Optional<R> readDirect(RunContext run, DirectParser<R> parser) {
        if (remote != null) {
            return Optional.empty(); // objects are streamed by read: there is no read by position
        }
        return Verification.readDirect(config, resolveLoad(run), checksum, parser);
    }

    /** Whether saves create versions. */
    public boolean versioned() {
        return versioned;
    }

    /** The configured filepath (for versioned datasets, the folder of versions). */
    public Path filepath() {
        return path;
    }

    /** {@link #forLoad(RunContext)} outside a run. */
    public Path forLoad() {
        return forLoad(outside());
    }

    /**
     * The file to load in {@code run}: the filepath, or the pinned or latest version's file,
     * checked against its checksum record first (one read of the whole file). For readers that
     * open the file by its path; a dataset that reads the bytes itself should use {@link #read},
     * which checks them as they pass.
     *
     * @throws DatasetException when the file or the pinned version does not exist
     * @throws ChecksumMismatchException when the file does not match its record
     */
    public Path forLoad(RunContext run) {
        if (remote != null) {
            return remote.forLoad(run);
        }
        Path file = resolveLoad(run);
        if (checksum) {
            Verification.verify(config, file);
        }
        return file;
    }

    /**
     * Reads the file to load in {@code run} (see {@link #forLoad(RunContext)}) with
     * {@code parser}, checking the bytes against the file's checksum record as they pass and, once
     * the parser is done, reading what it left for the checksum. A file that does not match fails
     * with a {@link ChecksumMismatchException} — also when the parser failed first, since a
     * damaged file's parse error would hide the real cause. {@link IOException}s become
     * {@link DatasetException}s naming the dataset and the file.
     *
     * @throws DatasetException when the file does not exist or cannot be read
     * @throws ChecksumMismatchException when the file does not match its record
     */
    public <R> R read(RunContext run, Parser<R> parser) {
        Parser<R> counted = run.progress().enabled() ? metered(run, parser) : parser;
        if (remote != null) {
            return remote.read(run, counted);
        }
        Path file = resolveLoad(run);
        return checksum ? Verification.read(config, file, counted) : Verification.readUnchecked(config, file, counted);
    }

    /** {@code parser} reporting the bytes it reads, of the file's size, to the run's progress. */
    private <R> Parser<R> metered(RunContext run, Parser<R> parser) {
        return (in, file) -> {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException | RuntimeException e) {
                size = -1;
            }
            try (Progress.Task task = Progress.start(run, config.name(), "loading", size, Progress.Unit.BYTES)) {
                if (!task.active()) {
                    return parser.parse(in, file);
                }
                Metered.In counted = Metered.input(in, task);
                R value = parser.parse(counted, file);
                counted.report();
                return value;
            }
        };
    }

    /**
     * Saves the file of {@code run} ({@link #forSave(RunContext)}) atomically with what
     * {@code body} writes, and records its checksum, size, run and time beside it (see
     * {@link AtomicFiles}).
     *
     * @return the file written
     * @throws DatasetException naming the dataset and the file when the write fails; exceptions
     *                          {@code body} throws pass through unchanged. (A writer that only
     *                          takes a path, such as DuckDB's COPY TO, writes through
     *                          {@link AtomicFiles#writeFile} to {@link #forSave(RunContext)}.)
     */
    public Path save(RunContext run, AtomicFiles.Body body) {
        return save(run, body, true);
    }

    /**
     * {@link #save(RunContext, AtomicFiles.Body)}; with {@code meterBytes}, the bytes written are
     * reported to the run's progress (a dataset that reports rows itself passes false).
     */
    Path save(RunContext run, AtomicFiles.Body body, boolean meterBytes) {
        AtomicFiles.Body counted = meterBytes && run.progress().enabled() ? metered(run, body) : body;
        if (remote != null) {
            return remote.save(run, counted);
        }
        Path file = forSave(run);
        try {
            AtomicFiles.write(file, run, counted);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot write " + config.display(file) + ": " + e, e);
        }
        return file;
    }

    /** {@code body} reporting the bytes it writes to the run's progress. */
    private AtomicFiles.Body metered(RunContext run, AtomicFiles.Body body) {
        return out -> {
            try (Progress.Task task = Progress.start(run, config.name(), "saving", -1, Progress.Unit.BYTES)) {
                if (!task.active()) {
                    body.writeTo(out);
                    return;
                }
                Metered.Out counted = Metered.output(out, task);
                body.writeTo(counted);
                counted.report();
            }
        };
    }

    /**
     * What was recorded when the file a load in {@code run} would read (for versioned datasets:
     * the pinned or latest version) was saved: the run that wrote it, when, its checksum and size.
     * Empty when there is no such file or it has no record (it was not written by Sluice). Reads
     * the record only; the file is not checked.
     *
     * @throws DatasetException when the record exists but is damaged
     */
    public Optional<SavedFile> saved(RunContext run) {
        if (remote != null) {
            return remote.saved(run);
        }
        if (!exists(run)) {
            return Optional.empty();
        }
        Path file = resolveLoad(run);
        return Optional.ofNullable(Verification.record(config, file)).map(r -> r.view(file));
    }

    private Path resolveLoad(RunContext run) {
        if (!versioned) {
            FileSupport.requireExists(config, path);
            return path;
        }
        Optional<String> pinned = run.loadVersion(config.name());
        if (pinned.isPresent()) {
            String version = checkVersion(pinned.get());
            Path file = fileOf(version);
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(config.subject() + ": version " + version + " does not exist (no file "
                        + config.display(file) + "). Versions: " + describe(versions()) + ".");
            }
            return file;
        }
        List<String> versions = versions();
        if (versions.isEmpty()) {
            throw new DatasetException(config.subject() + ": no version exists yet under " + config.display(path)
                    + ". Run the node that saves it first.");
        }
        return fileOf(versions.get(versions.size() - 1));
    }

    /** {@link #forSave(RunContext)} outside a run: a versioned dataset writes a fresh version. */
    public Path forSave() {
        return forSave(outside());
    }

    /**
     * The file to save to in {@code run}: the filepath, or for versioned datasets the file of a
     * new version named by the run id.
     *
     * @throws DatasetException when that version already exists
     */
    public Path forSave(RunContext run) {
        if (remote != null) {
            throw new DatasetException(config.subject() + ": " + remote.url() + " is an object in "
                    + remote.subject() + ", and datasets of type " + config.type() + " write their files by a local"
                    + " path, which an object does not have. Use a local filepath for this dataset. (A dataset"
                    + " written for objects saves through FileLocation.save or saveFile.)");
        }
        if (!versioned) {
            return path;
        }
        String version = checkVersion(run.saveVersion());
        Path file = fileOf(version);
        if (Files.exists(file.getParent())) {
            throw new DatasetException(config.subject() + ": version " + version + " already exists at "
                    + config.display(file.getParent()) + "; versions are never overwritten. Use a new run id.");
        }
        return file;
    }

    /**
     * Saves the file of {@code run} with a writer that only takes a path (DuckDB's COPY TO): for
     * local files {@link AtomicFiles#writeFile} to {@link #forSave(RunContext)}; for objects, the
     * writer fills a local temporary file which is then uploaded, atomically, and recorded.
     *
     * @return the file written (for objects, the local path that stands for it)
     * @throws DatasetException naming the dataset and the file when the write fails
     */
    public Path saveFile(RunContext run, AtomicFiles.FileBody body) {
        if (remote != null) {
            return remote.saveFile(run, body);
        }
        Path file = forSave(run);
        try {
            AtomicFiles.writeFile(file, run, body);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot write " + config.display(file) + ": " + e, e);
        }
        return file;
    }

    /** The version a save in {@code run} writes, or {@code null} for unversioned datasets. */
    public String saveVersion(RunContext run) {
        return versioned ? run.saveVersion() : null;
    }

    /** {@link #exists(RunContext)} outside a run. */
    public boolean exists() {
        return exists(outside());
    }

    /** Whether there is a file to load in {@code run} (for versioned datasets: the pinned or any version). */
    public boolean exists(RunContext run) {
        if (remote != null) {
            return remote.exists(run);
        }
        if (!versioned) {
            return Files.isRegularFile(path);
        }
        Optional<String> pinned = run.loadVersion(config.name());
        return pinned.map(v -> Files.isRegularFile(fileOf(checkVersion(v)))).orElseGet(() -> !versions().isEmpty());
    }

    /**
     * The data runs share, for the session's leases: the filepath when unversioned; empty when
     * versioned, since each run writes a version of its own and reads a version that no run writes
     * any more.
     */
    public Optional<DataLocation> sharedLocation() {
        return shared;
    }

    /** The saved versions, oldest first; empty for unversioned datasets. */
    public List<String> versions() {
        if (remote != null) {
            return remote.versions();
        }
        if (!versioned || !Files.isDirectory(path)) {
            return List.of();
        }
        List<String> versions = new ArrayList<>();
        try (Stream<Path> children = Files.list(path)) {
            children.filter(p -> Files.isRegularFile(p.resolve(path.getFileName())))
                    .map(p -> p.getFileName().toString())
                    .filter(v -> SAFE_VERSION.matcher(v).matches())
                    .forEach(versions::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list versions of " + config.display(path), e);
        }
        Collections.sort(versions);
        return versions;
    }

    private RunContext outside() {
        return RunContext.currentOr(config.projectDir());
    }

    private Path fileOf(String version) {
        return path.resolve(version).resolve(path.getFileName());
    }

    private String checkVersion(String version) {
        if (version == null || !SAFE_VERSION.matcher(version).matches() || version.contains("..")) {
            throw new DatasetException(config.subject() + ": invalid version '" + version + "': a version is a "
                    + "folder name of letters, digits and . _ : + - (no '/', no '..').");
        }
        return version;
    }

    private static String describe(List<String> versions) {
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }
}
