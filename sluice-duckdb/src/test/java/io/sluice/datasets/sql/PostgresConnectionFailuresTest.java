package io.sluice.datasets.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.resource.Resources;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQL dataset that cannot reach its database says why at once — the server's answer or the
 * network's — with the dataset, the URL (password masked) and the fix, instead of a pool's
 * generic timeout after ten seconds.
 */
@ExtendWith(PostgresServer.Extension.class)
class PostgresConnectionFailuresTest {
    /** Well under the pool's 10 s connection timeout, which a generic failure would wait for. */
    private static final long AT_ONCE_MILLIS = 5_000;

    private final PostgresServer server;
    private final Resources resources = new Resources("the test catalog");

    @TempDir
    Path project;

    PostgresConnectionFailuresTest(PostgresServer server) {
        this.server = server;
    }

    @AfterEach
    void close() {
        resources.close();
    }

    private TableDataset table(String url, Map<String, Object> credentials) {
        return new TableDataset(DatasetConfig.of("shuttles", TableDataset.TYPE, Map.of("table", "shuttles",
                "url", url, "credentials", credentials), project, resources));
    }

    private static Map<String, Object> login(String password) {
        return Map.of("user", PostgresServer.USER, "password", password);
    }

    /** The failure of the first load, which must come at once. */
    private static Throwable firstLoadFailure(TableDataset ds) {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(ds::load);
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds to fail").isLessThan(AT_ONCE_MILLIS);
        assertThat(failure).isInstanceOf(DatasetException.class);
        return failure;
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailedAndWhereTheCredentialsAre() {
        Throwable failure = firstLoadFailure(table(server.url(), login("wrong-pw-42")));

        assertThat(failure).hasMessageStartingWith("dataset 'shuttles' (sql.Table): cannot load table shuttles from "
                        + server.url() + ": cannot connect as user 'sluice': authentication failed for user 'sluice' (")
                .hasMessageContaining("SQLState 28P01")
                .hasMessageEndingWith("Check the user and password in inline credentials (code).")
                .hasMessageNotContaining("wrong-pw-42");
    }

    @Test
    void anUnknownDatabaseSaysItDoesNotExist() {
        String url = server.url().replace(PostgresServer.DATABASE, "no_such_db");

        Throwable failure = firstLoadFailure(table(url, login(PostgresServer.PASSWORD)));

        assertThat(failure).hasMessageStartingWith("dataset 'shuttles' (sql.Table): cannot load table shuttles from "
                        + url + ": cannot connect as user 'sluice': the database does not exist on the server (")
                .hasMessageContaining("no_such_db")
                .hasMessageContaining("SQLState 3D000")
                .hasMessageEndingWith("Fix the database name in the url, or create the database.");
    }

    @Test
    void aClosedPortSaysTheConnectionWasRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/" + PostgresServer.DATABASE;

        Throwable failure = firstLoadFailure(table(url, login(PostgresServer.PASSWORD)));

        assertThat(failure).hasMessageContaining(url + ": cannot connect as user 'sluice': the connection was refused (")
                .hasMessageEndingWith("Check that the server is running and listens on the host and port of the url.");
    }

    @Test
    void anUnknownHostSaysItIsNotFound() {
        String url = "jdbc:postgresql://no-such-host.invalid:5432/" + PostgresServer.DATABASE;

        Throwable failure = firstLoadFailure(table(url, login(PostgresServer.PASSWORD)));

        assertThat(failure).hasMessageContaining(url + ": cannot connect as user 'sluice': host "
                        + "'no-such-host.invalid' is not found (")
                .hasMessageEndingWith("Fix the host name in the url; it must resolve from this machine.");
    }

    @Test
    void aPasswordInTheUrlIsMaskedInTheFailureAndTheDescription() {
        TableDataset ds = new TableDataset(DatasetConfig.of("shuttles", TableDataset.TYPE, Map.of("table", "shuttles",
                "url", server.url() + "?user=" + PostgresServer.USER + "&password=wrong-pw-42"), project, resources));

        Throwable failure = firstLoadFailure(ds);

        assertThat(failure).hasMessageContaining(server.url() + "?user=sluice&password=****: cannot connect: "
                + "authentication failed (").hasMessageNotContaining("wrong-pw-42");
        assertThat(ds.describe()).containsEntry("url", server.url() + "?user=sluice&password=****");
    }

    @Test
    void onceConnectedTheDatasetWorksAndThePoolIsReused() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS failures");
            st.execute("DROP TABLE IF EXISTS failures.ok");
            st.execute("CREATE TABLE failures.ok (id bigint)");
            st.execute("INSERT INTO failures.ok VALUES (1)");
        }
        TableDataset ds = new TableDataset(DatasetConfig.of("ok", TableDataset.TYPE, Map.of("table", "ok",
                "schema", "failures", "url", server.url(), "credentials", login(PostgresServer.PASSWORD)), project,
                resources));

        assertThat(ds.load()).hasSize(1);
        assertThat(ds.load()).hasSize(1);
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA failures CASCADE");
        }
    }
}
