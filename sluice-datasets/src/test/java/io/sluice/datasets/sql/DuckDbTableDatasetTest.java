package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.DatasetConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code sql.Table} on the default database: an in-process DuckDB file in the project. */
class DuckDbTableDatasetTest extends TableDatasetContract {

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

    @Test
    void theDefaultDatabaseIsDataSluiceDuckdbInTheProject() {
        table(Map.of()).save(shuttles(1));

        assertThat(Files.isRegularFile(project.resolve("data/sluice.duckdb"))).isTrue();
        assertThat(table(Map.of()).describe()).containsEntry("url", "jdbc:duckdb:" + project.resolve("data/sluice.duckdb"));
    }

    @Test
    void aRelativeDuckDbFileInTheUrlIsResolvedAgainstTheProject() {
        TableDataset ds = new TableDataset(DatasetConfig.of("shuttles", TableDataset.TYPE,
                Map.of("table", "shuttles", "url", "jdbc:duckdb:data/other.duckdb"), project));

        ds.save(shuttles(1));

        assertThat(Files.isRegularFile(project.resolve("data/other.duckdb"))).isTrue();
    }
}
