package io.sluice.io;

import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A user dataset whose loads return its catalog's shared {@link Pool}, the way SQL datasets get theirs. */
public final class PooledDataset implements Dataset<Object> {
    /** Pools opened by constructors ({@code open_now: true}), by project directory (each test has its own). */
    static final Map<Path, Pool> OPENED_EAGERLY = new ConcurrentHashMap<>();

    private final Resources resources;

    public PooledDataset(DatasetConfig config) {
        this.resources = config.resources();
        if (config.bool("open_now", false)) {
            OPENED_EAGERLY.put(config.projectDir(), resources.shared("pool", Pool::new));
        }
    }

    /** Stands for a connection pool: only knows whether it was closed. */
    public static final class Pool implements AutoCloseable {
        private volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }

        public boolean isClosed() {
            return closed;
        }
    }

    @Override
    public Pool load() {
        return resources.shared("pool", Pool::new);
    }

    @Override
    public void save(Object data) {
        throw new UnsupportedOperationException("a pooled test dataset is read-only");
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", PooledDataset.class.getName());
    }
}
