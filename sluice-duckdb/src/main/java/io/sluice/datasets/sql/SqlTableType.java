package io.sluice.datasets.sql;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link TableDataset} as {@code sql.Table} ({@code sql_table}, {@code SQLTableDataset}). */
public final class SqlTableType implements DatasetType {
    @Override
    public String name() {
        return TableDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("sql_table", "SQLTableDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new TableDataset(config);
    }
}
