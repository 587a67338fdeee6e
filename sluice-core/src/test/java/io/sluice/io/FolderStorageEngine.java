package io.sluice.io;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storage engine over a local folder ({@code folder://bucket/key}), written by a test as a user
 * would write one: it hands out a {@link LocalStorage}, and counts the clients it creates.
 */
public final class FolderStorageEngine extends Engine<Path> implements StorageEngine {
    record Options(String root) {
    }

    final AtomicInteger created = new AtomicInteger();
    private final Path root;
    private final ObjectStorage storage;

    public FolderStorageEngine(EngineConfig config) {
        super(config, Path.class);
        this.root = config.projectDir().resolve(config.bind(Options.class, new Options("objects")).root());
        LocalStorage local = new LocalStorage("folder", root, config.subject());
        this.storage = new CountingStorage(local);
    }

    @Override
    protected Path create() {
        created.incrementAndGet();
        return root;
    }

    @Override
    public String scheme() {
        return "folder";
    }

    @Override
    public ObjectStorage storage() {
        return storage;
    }

    /** Creates the engine's client on first use, as a storage over a remote client would. */
    private final class CountingStorage implements ObjectStorage {
        private final LocalStorage local;

        CountingStorage(LocalStorage local) {
            this.local = local;
        }

        private LocalStorage local() {
            get();
            return local;
        }

        @Override
        public String scheme() {
            return "folder";
        }

        @Override
        public String subject() {
            return local.subject();
        }

        @Override
        public java.util.Optional<StoredObject> stat(String url) throws java.io.IOException {
            return local().stat(url);
        }

        @Override
        public java.io.InputStream open(String url) throws java.io.IOException {
            return local().open(url);
        }

        @Override
        public void write(String url, AtomicFiles.Body body) throws java.io.IOException {
            local().write(url, body);
        }

        @Override
        public java.util.List<String> list(String prefix) throws java.io.IOException {
            return local().list(prefix);
        }

        @Override
        public void delete(String url) throws java.io.IOException {
            local().delete(url);
        }
    }
}
