package io.sluice.io;

import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * <p>File datasets (built-in and user-written) take their paths from here, which gives them all
 * the same versioning.
 */
public final class FileLocation {
    private static final Pattern SAFE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+-]{0,127}");

    private final DatasetConfig config;
    private final Path path;
    private final boolean versioned;
    /** {@link #sharedLocation()}, computed once: runs ask for it every time. */
    private final Optional<DataLocation> shared;

    private FileLocation(DatasetConfig config, Path path, boolean versioned) {
        this.config = config;
        this.path = path;
        this.versioned = versioned;
        this.shared = versioned ? Optional.empty()
                : Optional.of(DataLocation.file(path, "dataset '" + config.name() + "' (" + config.display(path) + ")"));
    }

    /** Reads {@code filepath} (required) and {@code versioned} (default false) from the entry. */
    public static FileLocation of(DatasetConfig config) {
        return new FileLocation(config, config.path("filepath"), config.bool("versioned", false));
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
     * The file to load in {@code run}: the filepath, or the pinned or latest version's file.
     *
     * @throws DatasetException when the file or the pinned version does not exist
     */
    public Path forLoad(RunContext run) {
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
