package io.sluice.datasets.sql;

import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** {@code sql.Query} on the default in-process DuckDB database. */
class DuckDbQueryDatasetTest extends QueryDatasetContract {

    @Override
    Map<String, Object> connection() {
        return Map.of();
    }

    @Override
    Connection direct() throws Exception {
        return JdbcConnections.open(JdbcTarget.of("jdbc:duckdb:" + project.resolve("data/sluice.duckdb"), null, null));
    }

    @AfterEach
    void closeDatabases() {
        JdbcConnections.closeAll();
    }
}
