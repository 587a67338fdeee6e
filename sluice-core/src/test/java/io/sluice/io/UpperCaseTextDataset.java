package io.sluice.io;

import java.util.Map;

/** A user dataset named by its class name in the catalog: text stored upper-cased. */
public class UpperCaseTextDataset implements Dataset<String> {
    private final TextDataset delegate;
    private final String suffix;

    public UpperCaseTextDataset(DatasetConfig config) {
        this.suffix = config.string("suffix", "");
        this.delegate = new TextDataset(config);
    }

    @Override
    public String load() {
        return delegate.load();
    }

    @Override
    public void save(String data) {
        delegate.save(data.toUpperCase() + suffix);
    }

    @Override
    public boolean exists() {
        return delegate.exists();
    }

    @Override
    public Map<String, Object> describe() {
        return delegate.describe();
    }

    /** Not a dataset: for the error test. */
    public static class NotADataset {
        public NotADataset(DatasetConfig config) {
        }
    }

    /** A dataset without the (DatasetConfig) constructor. */
    public static class NoConfigConstructor extends MemoryDatasetHolder {
        public NoConfigConstructor(String name) {
        }
    }

    /** Minimal dataset base for the constructor test. */
    public abstract static class MemoryDatasetHolder implements Dataset<Object> {
        @Override
        public Object load() {
            return null;
        }

        @Override
        public void save(Object data) {
        }

        @Override
        public boolean exists() {
            return false;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of();
        }
    }
}
