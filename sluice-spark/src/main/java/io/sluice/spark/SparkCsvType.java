package io.sluice.spark;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;

/** Registers {@link SparkFileDataset} for Csv as {@code spark.Csv}. */
public final class SparkCsvType implements DatasetType {
    @Override
    public String name() {
        return SparkFileDataset.CSV;
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new SparkFileDataset(config, "csv");
    }
}
