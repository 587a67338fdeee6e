package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local file system as an {@link ObjectStorage}: {@code <scheme>://bucket/key} is the file
 * {@code <root>/bucket/key}. Writes go to a temporary file in the hidden {@code .sluice-tmp}
 * folder beside the target, are forced to disk and renamed over it, as {@link AtomicFiles} does
 * (without its checksum record: {@link FileLocation} writes that as a second object, as it does
 * for every storage).
 *
 * <p>It is the reference implementation of the contract: the tests of the object-storage path of
 * {@link FileLocation} run on it without a server, and a storage engine for a file system mounted
 * elsewhere (NFS, a FUSE bucket) can hand one out. Local {@code filepath}s themselves keep their
 * own path through {@link FileLocation}, which reads CSV by position with several threads.
 */
public final class LocalStorage implements ObjectStorage {
    private final String scheme;
    private final Path root;
    private final String subject;

    /**
     * @param scheme  the URL scheme served
     * @param root    the folder holding the buckets
     * @param subject how messages name this storage
     */
    public LocalStorage(String scheme, Path root, String subject) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.root = root.toAbsolutePath().normalize();
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String subject() {
        return subject;
    }

    private Path fileOf(String url) throws IOException {
        String prefix = scheme + "://";
        if (!url.startsWith(prefix)) {
            throw new IOException(url + " is not a " + prefix + " URL");
        }
        Path file = root.resolve(url.substring(prefix.length())).normalize();
        if (!file.startsWith(root)) {
            throw new IOException(url + " leaves the storage's folder");
        }
        return file;
    }

    private String urlOf(Path file) {
        return scheme + "://" + root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public Optional<StoredObject> stat(String url) throws IOException {
        Path file = fileOf(url);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(url, a.size(), a.lastModifiedTime().toInstant(),
                    String.valueOf(a.fileKey()) + ":" + a.lastModifiedTime().toMillis() + ":" + a.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String url) throws IOException {
        Path file = fileOf(url);
        if (Files.isDirectory(file)) {
            throw new NoSuchFileException(url);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            NoSuchFileException missing = new NoSuchFileException(url);
            missing.initCause(e);
            throw missing;
        }
    }

    @Override
    public void write(String url, AtomicFiles.Body body) throws IOException {
        Path file = fileOf(url);
        Files.createDirectories(file.getParent());
        TempFiles.sweep(file.getParent());
        Path temp = TempFiles.reserve(file);
        boolean moved = false;
        try {
            AtomicFiles.fill(temp, body);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path from = fileOf(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        Path dir = prefix.endsWith("/") ? from : from.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).toString().contains(TempFiles.FOLDER))
                    .map(this::urlOf)
                    .filter(u -> u.startsWith(prefix))
                    .forEach(out::add);
        }
        Collections.sort(out);
        return out;
    }

    @Override
    public void delete(String url) throws IOException {
        Files.deleteIfExists(fileOf(url));
    }

    @Override
    public String toString() {
        return "LocalStorage[" + scheme + "://, " + root + "]";
    }
}
