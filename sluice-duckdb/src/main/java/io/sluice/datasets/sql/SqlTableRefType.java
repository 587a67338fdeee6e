package io.sluice.datasets.sql;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link TableRefDataset} as {@code sql.TableRef} ({@code sql_table_ref}). */
public final class SqlTableRefType implements DatasetType {
    @Override
    public String name() {
        return TableRefDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("sql_table_ref");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new TableRefDataset(config);
    }
}
