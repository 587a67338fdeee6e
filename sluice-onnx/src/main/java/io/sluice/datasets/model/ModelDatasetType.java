package io.sluice.datasets.model;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;

/** Registers {@link ModelDataset} as {@code type: model}. */
public final class ModelDatasetType implements DatasetType {
    @Override
    public String name() {
        return "model";
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new ModelDataset(config);
    }
}
