package io.sluice.io;

import java.util.List;
import java.util.Map;

/**
 * The base of the file datasets, built-in ({@code text}, {@code json}, {@code csv} and the file
 * datasets of sluice-datasets) and users' own: it holds the catalog entry and the
 * {@link FileLocation} read from it, and answers {@link #exists()}, {@link #isVersioned()},
 * {@link #versions()}, {@link #describe()} and {@link #toString()} from them. A subclass adds
 * {@link #load()} and {@link #save}, reading from {@code location.forLoad()} and writing to
 * {@code location.forSave()}, which gives it the same versioning as every other file dataset.
 *
 * <p>Saves must be atomic: write through {@link AtomicFiles#write}, which replaces the file
 * only once the new content is complete and on disk.
 *
 * <p>The constructor reads {@code filepath} (required) and {@code versioned} from the entry. A
 * subclass that must read other keys first (so that they count as known even when
 * {@code filepath} is missing, or so that their errors are reported first) can compute them in
 * the arguments of a {@code this(...)} call to a private constructor that calls
 * {@code super(config)}.
 *
 * @param <T> the type {@link #load()} returns and {@link #save} accepts
 */
public abstract class FileDataset<T> implements Dataset<T> {
    /** The catalog entry. */
    protected final DatasetConfig config;
    /** Where loads read and saves write, versioned or not. */
    protected final FileLocation location;

    /** Reads {@code filepath} (required) and {@code versioned} (default false) from the entry. */
    protected FileDataset(DatasetConfig config) {
        this.config = config;
        this.location = FileLocation.of(config);
    }

    @Override
    public boolean exists() {
        return location.exists();
    }

    @Override
    public boolean isVersioned() {
        return location.versioned();
    }

    @Override
    public List<String> versions() {
        return location.versions();
    }

    /** The entry: {@code type} first, then its keys, never credentials. */
    @Override
    public Map<String, Object> describe() {
        return config.describe();
    }

    /** The class's simple name followed by {@link #describe()}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + describe();
    }
}
