package io.sluice.datasets.parquet;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link ParquetDataset} as {@code parquet} ({@code ParquetDataset}). */
public final class ParquetType implements DatasetType {
    @Override
    public String name() {
        return ParquetDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("ParquetDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new ParquetDataset(config);
    }
}
