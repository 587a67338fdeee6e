package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code sql.Table} on a real PostgreSQL server started for the tests. */
@ExtendWith(PostgresServer.Extension.class)
class PostgresTableDatasetTest extends TableDatasetContract {
    private final PostgresServer server;

    PostgresTableDatasetTest(PostgresServer server) {
        this.server = server;
    }

    @Override
    Map<String, Object> connection() {
        return server.catalogConnection();
    }

    @Override
    Connection direct() throws Exception {
        return server.connect();
    }

    @BeforeEach
    void cleanDatabase() throws Exception {
        execute("DROP SCHEMA IF EXISTS analytics CASCADE", "DROP TABLE IF EXISTS shuttles");
    }

    @Test
    void describeAndErrorsNeverShowThePassword() {
        TableDataset ds = new TableDataset(config("shuttles", TableDataset.TYPE, Map.of(
                "table", "shuttles", "url", server.url() + "?password=" + PostgresServer.PASSWORD,
                "credentials", Map.of("user", PostgresServer.USER, "password", PostgresServer.PASSWORD))));

        assertThat(ds.describe().toString()).doesNotContain(PostgresServer.PASSWORD)
                .contains("password=****");
        assertThat(ds.describe()).doesNotContainKey("credentials");
    }

    @Test
    void wrongCredentialsFailWithoutShowingThePassword() {
        TableDataset ds = new TableDataset(config("shuttles", TableDataset.TYPE, Map.of(
                "table", "shuttles", "url", server.url(),
                "credentials", Map.of("user", PostgresServer.USER, "password", "wrong-pw-42"))));

        org.assertj.core.api.Assertions.assertThatThrownBy(ds::load)
                .hasMessageStartingWith("dataset 'shuttles' (sql.Table): cannot load table shuttles from " + server.url())
                .hasMessageNotContaining("wrong-pw-42");
    }
}
