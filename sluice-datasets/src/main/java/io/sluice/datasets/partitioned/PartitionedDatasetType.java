package io.sluice.datasets.partitioned;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link PartitionedDataset} as {@code type: partitioned}. */
public final class PartitionedDatasetType implements DatasetType {
    @Override
    public String name() {
        return "partitioned";
    }

    @Override
    public List<String> aliases() {
        return List.of("PartitionedDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new PartitionedDataset(config);
    }
}
