package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.DatasetConfig;
import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools belong to sessions: one per (URL, user) per session, closed with it. Counted as the
 * server sees them, by the application name the test's URLs carry.
 */
@ExtendWith(PostgresServer.Extension.class)
class PostgresPoolsTest {
    private static final String APP = "sluice-pools-test";

    private final PostgresServer server;
    private final Resources first = new Resources("session one");
    private final Resources second = new Resources("session two");

    @TempDir
    Path project;

    PostgresPoolsTest(PostgresServer server) {
        this.server = server;
    }

    @BeforeEach
    void createTables() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            // A schema of its own, so the other PostgreSQL tests never see these tables.
            st.execute("DROP SCHEMA IF EXISTS pools CASCADE");
            st.execute("CREATE SCHEMA pools");
            st.execute("CREATE TABLE pools.pool_a (id bigint)");
            st.execute("CREATE TABLE pools.pool_b (id bigint)");
        }
    }

    @AfterEach
    void closeSessionsAndDropTheSchema() throws Exception {
        first.close();
        second.close();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA pools CASCADE");
        }
    }

    private TableDataset table(Resources session, String table, String urlOptions) {
        return new TableDataset(DatasetConfig.of(table, TableDataset.TYPE, Map.of("table", table, "schema", "pools",
                "url", server.url() + "?ApplicationName=" + APP + urlOptions,
                "credentials", Map.of("user", PostgresServer.USER, "password", PostgresServer.PASSWORD)),
                project, session));
    }

    /** The server's connections from this test's pools, waiting up to 10 s for it to reach {@code expected}. */
    private long connectionsSettlingAt(long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long count;
        do {
            try (Connection c = server.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                         + APP + "'")) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count != expected) {
                Thread.sleep(50);
            }
        } while (count != expected && System.nanoTime() < deadline);
        return count;
    }

    @Test
    void theDatasetsOfOneSessionShareOnePoolPerUrlAndUser() throws Exception {
        table(first, "pool_a", "").load();
        table(first, "pool_b", "").load();
        table(first, "pool_a", "").load();

        assertThat(connectionsSettlingAt(1)).isEqualTo(1);
    }

    @Test
    void anotherUrlGetsAPoolOfItsOwn() throws Exception {
        table(first, "pool_a", "").load();
        table(first, "pool_a", "&connectTimeout=10").load();

        assertThat(connectionsSettlingAt(2)).isEqualTo(2);
    }

    @Test
    void eachSessionHasItsOwnPoolAndClosesItWhenItCloses() throws Exception {
        table(first, "pool_a", "").load();
        TableDataset inSecond = table(second, "pool_a", "");
        inSecond.load();
        assertThat(connectionsSettlingAt(2)).isEqualTo(2);

        first.close();

        assertThat(connectionsSettlingAt(1)).isEqualTo(1);
        assertThat(inSecond.load()).isEmpty();
        second.close();
        assertThat(connectionsSettlingAt(0)).isEqualTo(0);
    }
}
