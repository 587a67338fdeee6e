package io.sluice.datasets.files;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;

/** Registers {@link BytesDataset} as {@code type: bytes}. */
public final class BytesDatasetType implements DatasetType {
    @Override
    public String name() {
        return "bytes";
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new BytesDataset(config);
    }
}
