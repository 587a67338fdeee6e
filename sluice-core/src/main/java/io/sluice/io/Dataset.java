package io.sluice.io;

import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * One piece of data the pipeline reads or writes: a file, a table, a value in memory.
 *
 * <p>A dataset instance is shared by every run of a compiled session, so implementations must be
 * safe for concurrent use (file datasets: no mutable state besides configuration). Whatever
 * differs per run (the run id used as save version, a templated path) is read from
 * {@link io.sluice.run.RunContext#current()}.
 *
 * <p>Writes must be atomic: a reader never sees a half-written file, even if the JVM dies during
 * {@link #save}.
 *
 * @param <T> the type {@link #load()} returns and {@link #save} accepts
 */
public interface Dataset<T> {

    /** Reads the data in this dataset's default representation. */
    T load();

    /**
     * Reads the data as {@code target}, the generic parameter type of the node that consumes it
     * ({@code List<Shuttle>}, {@code Map<String,Object>}, a record…). The default loads and
     * checks the value is an instance of the raw target type; formats that can decode into any
     * type (JSON, CSV) override it.
     *
     * @throws DatasetException naming the dataset and the mismatch when it cannot
     */
    default Object load(Type target) {
        return FileSupport.requireInstance(this, load(), target);
    }

    /**
     * Why this dataset cannot feed a node parameter declared as {@code target}, or empty when it
     * can or cannot tell. {@code compile} calls it for every dataset input, before anything runs,
     * and refuses the pipeline with the reason; so an implementation answers only when it is sure
     * a load into {@code target} would fail (a phrase without a final period, e.g. "it loads a
     * list of rows, so declare List<YourRecord>"). The default knows nothing.
     */
    default java.util.Optional<String> incompatibility(Type target) {
        return java.util.Optional.empty();
    }

    /**
     * Reads the data for a node of {@code run} as {@code target}; what the session calls. The
     * default ignores the run and calls {@link #load(Type)}.
     */
    default Object load(RunContext run, Type target) {
        return load(target);
    }

    /** Writes {@code data}, atomically. */
    void save(T data);

    /**
     * Writes {@code data} for a node of {@code run} (a versioned dataset writes version
     * {@link RunContext#saveVersion()}), atomically; what the session calls. The default ignores
     * the run and calls {@link #save(Object)}.
     */
    default void save(RunContext run, T data) {
        save(data);
    }

    /** Whether there is data to load. */
    boolean exists();

    /**
     * Whether there is data to load in {@code run} (for a versioned dataset: the version the run
     * pins, or any). The default ignores the run and calls {@link #exists()}.
     */
    default boolean exists(RunContext run) {
        return exists();
    }

    /** Frees anything cached in memory; the next load reads the source again. */
    default void release() {
    }

    /**
     * A description for {@code sluice catalog list} and logs: the type and the configuration,
     * never credentials.
     */
    Map<String, Object> describe();

    /**
     * Whether saves create a new version named by the run id (see {@link FileLocation}); the run
     * journal lists the versions a run wrote.
     */
    default boolean isVersioned() {
        return false;
    }

    /** The saved versions, oldest first; empty for unversioned datasets. */
    default java.util.List<String> versions() {
        return java.util.List.of();
    }

    /**
     * Where this dataset's data lives when runs could share it, so that the session can make runs
     * that read and write it take turns (see {@code io.sluice.lease.Leases}): the file or folder,
     * or a stand-in for a table. Empty when no two runs can see each other's data through it:
     * memory datasets, versioned datasets (each run writes its own version) — and by default, for
     * a dataset that does not say where its data is. File datasets answer from their
     * {@link FileLocation}; a user dataset over shared storage should answer too.
     */
    default java.util.Optional<DataLocation> sharedLocation(RunContext run) {
        return java.util.Optional.empty();
    }

    /** What the dataset holds: data unless it says it holds a model. */
    default ArtifactKind artifactKind() {
        return ArtifactKind.DATA;
    }

    /** Whether the data outlives the run (files, tables) rather than living in memory only. */
    default boolean isPersistent() {
        return true;
    }
}
