package io.sluice.datasets.sql;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link QueryDataset} as {@code sql.Query} ({@code sql_query}, {@code SQLQueryDataset}). */
public final class SqlQueryType implements DatasetType {
    @Override
    public String name() {
        return QueryDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("sql_query", "SQLQueryDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new QueryDataset(config);
    }
}
