package io.sluice.spark;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link SparkJdbcDataset} as {@code spark.JdbcTable} (Kedro's {@code spark.SparkJDBCDataset}). */
public final class SparkJdbcType implements DatasetType {
    @Override
    public String name() {
        return SparkJdbcDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("spark.SparkJDBCDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new SparkJdbcDataset(config);
    }
}
