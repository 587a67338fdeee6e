package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@code sql.Query} whose bind parameter comes from each run ({@code ${run:...}}), on DuckDB. */
class RunTemplatedQueryTest extends SqlDatabaseSupport {

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

    private static List<?> loadIn(Dataset<?> ds, Map<String, Object> params) {
        try (RunContext.Scope ignored = RunContext.enter(new RunContext("r", "p", "local", params, Path.of(".")))) {
            return (List<?>) ds.load();
        }
    }

    @Test
    void eachRunBindsItsOwnValueAndAnInjectionAttemptStaysAValue() throws Exception {
        table(Map.of()).save(shuttles(20));
        Files.createDirectories(project.resolve("conf/base"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                by_name:
                  type: sql.Query
                  sql: SELECT id FROM shuttles WHERE name = :name
                  params:
                    name: ${run:shuttle}
                """);
        ProjectConfig config = ConfigLoader.load(project, "local", Map.of());
        Dataset<?> ds = DataCatalog.fromConfig(config.catalog(), config.credentials(), project).dataset("by_name");

        assertThat(loadIn(ds, Map.of("shuttle", "shuttle 7"))).isEqualTo(List.of(Map.of("id", 7L)));
        assertThat(loadIn(ds, Map.of("shuttle", "shuttle 9"))).isEqualTo(List.of(Map.of("id", 9L)));
        assertThat(loadIn(ds, Map.of("shuttle", "x' OR '1'='1"))).isEmpty();
        assertThat(count("shuttles")).isEqualTo(20);
    }
}
