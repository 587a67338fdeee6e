package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Storage behind a file dataset whose {@code filepath} is a URL ({@code s3://bucket/key}): what
 * {@link FileLocation} needs of a store to give those datasets the guarantees of local files.
 * Objects are named by their full URL ({@code s3://bucket/data/x.csv}); "folders" are prefixes
 * ending in {@code /}.
 *
 * <p>The contract, which {@link LocalStorage} (the local file system) and the S3 storage of
 * sluice-s3 both keep:
 * <ul>
 *   <li>{@link #write} is atomic per object: a reader sees the previous object or the whole new
 *       one, never a part; a write that fails (or whose body throws) leaves the previous object
 *       as it was and nothing else behind.</li>
 *   <li>{@link #open} of a missing object throws {@link NoSuchFileException}; every other failure
 *       (a missing bucket, a refused login, no network) is an {@link IOException} whose message
 *       says which and never holds a secret.</li>
 *   <li>Nothing connects before the first call: building a storage is free.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe. A storage engine (in {@code engines.yml}) hands one out as
 * a {@link StorageEngine}; file datasets name the engine with {@code storage: <name>}.
 */
public interface ObjectStorage {

    /**
     * Whether a configured path is an object URL ({@code s3://bucket/key}) rather than a local
     * path: a scheme of letters, digits, {@code + . -} followed by {@code ://}.
     */
    static boolean isUrl(String path) {
        return RemoteFile.isUrl(path);
    }

    /**
     * Why {@code url} cannot name an object of this storage (a bucket name S3 refuses), or null.
     * Asked when a dataset is built, so that the entry's {@code file:line} can be blamed.
     */
    default String problem(String url) {
        return null;
    }

    /** The URL scheme served: {@code s3}. */
    String scheme();

    /**
     * Who serves these objects, as messages name it: {@code engine 'lake' (s3,
     * conf/base/engines.yml:1:1)}.
     */
    String subject();

    /** The object's size and version tag, or empty when there is no such object. */
    Optional<StoredObject> stat(String url) throws IOException;

    /**
     * The object's bytes, streamed; the caller closes the stream.
     *
     * @throws NoSuchFileException when there is no such object (its message is the URL)
     */
    InputStream open(String url) throws IOException;

    /**
     * The object's bytes together with the CRC32C its store wrote in the same atomic write as the
     * bytes, when it wrote one. A load checks that checksum instead of the separate record, so a
     * load racing a save can never pair one save's object with another save's record. By default
     * none is kept: {@link #open}, and the record decides.
     *
     * @throws NoSuchFileException when there is no such object (its message is the URL)
     */
    default Opened openChecked(String url) throws IOException {
        return new Opened(open(url), null, -1);
    }

    /**
     * Replaces the object {@code url} with the bytes {@code body} writes, atomically (see the
     * class comment). {@code body} may close the stream it is given; that does not commit yet.
     */
    void write(String url, AtomicFiles.Body body) throws IOException;

    /** The URLs of the objects whose URL begins with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Removes the object if it exists. */
    void delete(String url) throws IOException;

    /**
     * An object's size, when it was last written and its version tag (an ETag, a file key): a
     * replaced object has another tag.
     */
    record StoredObject(String url, long size, java.time.Instant lastModified, String tag) {
    }

    /**
     * An opened object: its bytes (the caller closes them) and, when the store keeps them with the
     * object, its CRC32C as records write it (8 lower-case hex digits) and its size; else
     * {@code crc32c} is null and {@code size} -1.
     */
    record Opened(InputStream in, String crc32c, long size) {
    }
}
