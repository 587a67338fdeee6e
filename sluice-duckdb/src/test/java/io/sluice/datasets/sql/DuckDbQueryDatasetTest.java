package io.sluice.datasets.sql;

import java.sql.Connection;
import java.util.Map;

/** {@code sql.Query} on the default in-process DuckDB database. */
class DuckDbQueryDatasetTest extends QueryDatasetContract {

    @Override
    Map<String, Object> connection() {
        return Map.of();
    }

    @Override
    Connection direct() throws Exception {
        return duckDb();
    }
}
