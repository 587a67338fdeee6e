package io.sluice.io;

/**
 * An engine (see {@link io.sluice.engine.Engine}) that stores objects: what a file dataset's
 * {@code storage: <name>} must name. {@link #storage()} is free (it creates no client); the
 * storage creates the engine's client on its first read or write, once for the session.
 */
public interface StorageEngine {

    /** The URL scheme of the objects it serves ({@code s3}). */
    String scheme();

    /** The storage; the same one on every call. */
    ObjectStorage storage();
}
