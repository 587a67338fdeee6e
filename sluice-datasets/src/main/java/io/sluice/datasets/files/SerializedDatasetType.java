package io.sluice.datasets.files;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;

/** Registers {@link SerializedDataset} as {@code type: serialized}. */
public final class SerializedDatasetType implements DatasetType {
    @Override
    public String name() {
        return "serialized";
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new SerializedDataset(config);
    }
}
