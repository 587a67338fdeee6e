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
import org.junit.jupiter.api.Test;

/** A {@code sql.Query} whose bind parameter comes from each run ({@code ${run:...}}), on DuckDB. */
class RunTemplatedQueryTest extends SqlDatabaseSupport {

    @Override
    Map<String, Object> connection() {
        return Map.of();
    }

    @Override
    Connection direct() throws Exception {
        return duckDb();
    }

    private DataCatalog catalogWithQueryByName() throws Exception {
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
        return DataCatalog.fromConfig(config.catalog(), config.credentials(), project);
    }

    private RunContext run(String shuttle) {
        return new RunContext("r", "p", "local", Map.of("shuttle", shuttle), project);
    }

    @Test
    void eachRunBindsItsOwnValueAndAnInjectionAttemptStaysAValue() throws Exception {
        try (DataCatalog catalog = catalogWithQueryByName()) {
            Dataset<?> ds = catalog.dataset("by_name");

            assertThat(ds.load(run("shuttle 7"), Object.class)).isEqualTo(List.of(Map.of("id", 7L)));
            assertThat(ds.load(run("shuttle 9"), Object.class)).isEqualTo(List.of(Map.of("id", 9L)));
            assertThat(ds.load(run("x' OR '1'='1"), Object.class)).isEqualTo(List.of());
        }
        assertThat(count("shuttles")).isEqualTo(20);
    }

    @Test
    void theValueComesFromTheRunPassedInNotFromTheThreadsRun() throws Exception {
        try (DataCatalog catalog = catalogWithQueryByName();
             RunContext.Scope threads = RunContext.enter(run("shuttle 9"))) {
            Dataset<?> ds = catalog.dataset("by_name");

            assertThat(ds.load(run("shuttle 7"), Object.class)).isEqualTo(List.of(Map.of("id", 7L)));
            assertThat(ds.load()).isEqualTo(List.of(Map.of("id", 9L))); // the context-free fallback
        }
    }

    @Test
    void aRunPassedInServesAThreadWithNoRunAtAll() throws Exception {
        try (DataCatalog catalog = catalogWithQueryByName()) {
            assertThat(RunContext.current()).isEmpty();

            assertThat(catalog.dataset("by_name").load(run("shuttle 3"), Object.class))
                    .isEqualTo(List.of(Map.of("id", 3L)));
        }
    }

    @Test
    void closingTheCatalogClosesItsDuckDbButNotTheDatabaseOfAnotherOneOnTheSameFile() throws Exception {
        DataCatalog catalog = catalogWithQueryByName();
        Dataset<?> ds = catalog.dataset("by_name");
        ds.load(run("shuttle 1"), Object.class);

        catalog.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ds.load(run("shuttle 1"), Object.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The resources of the catalog of " + project.toAbsolutePath().normalize()
                        + " are closed: cannot use 'duckdb jdbc:duckdb:" + project.resolve("data/sluice.duckdb") + "'");
        assertThat(count("shuttles")).isEqualTo(20);
    }
}
