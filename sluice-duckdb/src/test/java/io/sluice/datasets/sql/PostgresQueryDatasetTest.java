package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code sql.Query} on a real PostgreSQL server started for the tests. */
@ExtendWith(PostgresServer.Extension.class)
class PostgresQueryDatasetTest extends QueryDatasetContract {
    private final PostgresServer server;

    PostgresQueryDatasetTest(PostgresServer server) {
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

    @Override
    @BeforeEach
    void saveShuttles() {
        try {
            execute("DROP SCHEMA IF EXISTS analytics CASCADE", "DROP TABLE IF EXISTS shuttles");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        super.saveShuttles();
    }

    @Test
    void postgresCastsAreNotPlaceholders() {
        QueryDataset q = query(Map.of("sql", "SELECT :n::bigint * 2 AS twice", "params", Map.of("n", 21)));

        assertThat(q.load()).isEqualTo(List.of(Map.of("twice", 42L)));
    }
}
