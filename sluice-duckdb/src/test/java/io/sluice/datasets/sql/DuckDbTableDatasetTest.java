package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sql.Table} on the default database: an in-process DuckDB file in the project. */
class DuckDbTableDatasetTest extends TableDatasetContract {

    @Override
    Map<String, Object> connection() {
        return Map.of();
    }

    @Override
    Connection direct() throws Exception {
        return duckDb();
    }

    @Test
    void theDefaultDatabaseIsDataSluiceDuckdbInTheProject() {
        table(Map.of()).save(shuttles(1));

        assertThat(Files.isRegularFile(project.resolve("data/sluice.duckdb"))).isTrue();
        assertThat(table(Map.of()).describe()).containsEntry("url", "jdbc:duckdb:" + project.resolve("data/sluice.duckdb"));
    }

    @Test
    void aRelativeDuckDbFileInTheUrlIsResolvedAgainstTheProject() {
        TableDataset ds = new TableDataset(config("shuttles", TableDataset.TYPE,
                Map.of("table", "shuttles", "url", "jdbc:duckdb:data/other.duckdb")));

        ds.save(shuttles(1));

        assertThat(Files.isRegularFile(project.resolve("data/other.duckdb"))).isTrue();
    }
}
