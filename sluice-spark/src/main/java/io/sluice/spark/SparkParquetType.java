package io.sluice.spark;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;

/** Registers {@link SparkFileDataset} for Parquet as {@code spark.Parquet}. */
public final class SparkParquetType implements DatasetType {
    @Override
    public String name() {
        return SparkFileDataset.PARQUET;
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new SparkFileDataset(config, "parquet");
    }
}
