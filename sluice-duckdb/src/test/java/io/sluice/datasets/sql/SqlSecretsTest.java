package io.sluice.datasets.sql;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigLoader;
import io.sluice.io.Credentials;
import io.sluice.io.DataCatalog;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.resource.Resources;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Passwords never leave a SQL dataset's configuration: not in messages, descriptions or the run
 * journal, whatever form the URL carries them in; and credentials keys SQL datasets do not read
 * are refused rather than ignored. No server is needed: a closed port fails every connection.
 */
class SqlSecretsTest {
    private static final String SECRET = "hunter2-secret";

    @TempDir
    Path project;
    private final Resources resources = new Resources("the test catalog");

    @AfterEach
    void close() {
        resources.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://127.0.0.1:5432/db?user=u&password=" + SECRET + "&ssl=true"
                    + " | jdbc:postgresql://127.0.0.1:5432/db?user=u&password=****&ssl=true",
            "jdbc:postgresql://127.0.0.1:5432/db?password=" + SECRET
                    + " | jdbc:postgresql://127.0.0.1:5432/db?password=****",
            "jdbc:sqlserver://db:1433;user=u;password=" + SECRET + ";encrypt=true"
                    + " | jdbc:sqlserver://db:1433;user=u;password=****;encrypt=true",
            "postgresql://u:" + SECRET + "@db:5432/warehouse | postgresql://u:****@db:5432/warehouse",
            "jdbc:postgresql://u:" + SECRET + "@db/warehouse | jdbc:postgresql://u:****@db/warehouse",
            "jdbc:mysql://db/x?PWD=" + SECRET + " | jdbc:mysql://db/x?PWD=****",
            "jdbc:postgresql://db:5432/warehouse | jdbc:postgresql://db:5432/warehouse"})
    void everyFormOfAPasswordInAUrlIsMasked(String url, String shown) {
        assertThat(Credentials.maskUrlSecrets(url)).isEqualTo(shown);
        assertThat(Credentials.maskUrlSecrets("cannot reach " + url + ": refused")).isEqualTo("cannot reach " + shown
                + ": refused");
    }

    @Test
    void aMisspeltCredentialsKeyIsRefusedWithTheClosestKnownOne() {
        assertThatThrownBy(() -> new TableDataset(DatasetConfig.of("t", TableDataset.TYPE, Map.of("table", "t",
                "url", "jdbc:postgresql://db/x", "credentials", Map.of("user", "u", "pasword", SECRET)), project,
                resources)))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("code: inline credentials: unknown key 'pasword'; SQL datasets read "
                        + "password, user, username. Did you mean 'password'? Remove it or fix its name.");
    }

    @Test
    void aMisspeltKeyInCredentialsYmlIsRefusedAtItsLineWhenTheCatalogIsBuilt() throws IOException {
        write("conf/base/catalog.yml", """
                orders:
                  type: sql.Query
                  sql: SELECT 1 AS one
                  url: jdbc:postgresql://db/x
                  credentials: warehouse
                """);
        write("conf/local/credentials.yml", "warehouse:\n  user: u\n  pwd: " + SECRET + "\n");
        var config = ConfigLoader.load(project, "local", Map.of());

        assertThatThrownBy(() -> DataCatalog.fromConfig(config.catalog(), config.credentials(), project).close())
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/local/credentials.yml:3:3: credentials 'warehouse' of dataset 'orders': "
                        + "unknown key 'pwd'; SQL datasets read password, user, username.")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void userAndUsernameTogetherAreRefused() {
        assertThatThrownBy(() -> new TableDataset(DatasetConfig.of("t", TableDataset.TYPE, Map.of("table", "t",
                "url", "jdbc:postgresql://db/x", "credentials", Map.of("user", "u", "username", "v")), project,
                resources)))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("dataset 't' (sql.Table): inline credentials (code) give both 'user' and 'username'; "
                        + "keep one of them.");
    }

    /** Reads the orders table; fails, since nothing listens where it points. */
    public static final class FailingProject implements Project {
        static int count(List<Map<String, Object>> rows) {
            return rows.size();
        }

        @Override
        public Map<String, Pipeline> pipelines() {
            return Map.of("report", Pipeline.of(node(FailingProject::count).inputs("orders").outputs("n")
                    .name("count_orders")));
        }
    }

    @Test
    void aFailedRunShowsNeitherInItsErrorNorInItsJournalThePasswordOfTheUrl() throws IOException {
        String url = "jdbc:postgresql://u:" + SECRET + "@127.0.0.1:" + closedPort() + "/db?password=" + SECRET;
        write("conf/base/catalog.yml", "orders:\n  type: sql.Table\n  table: orders\n  url: " + url + "\n");

        RunFailedException failure;
        try (Session session = Session.compile(new FailingProject(), new SessionOptions(project, "local", Map.of(), false))) {
            assertThat(session.catalog().dataset("orders").describe().toString()).doesNotContain(SECRET);
            failure = (RunFailedException) org.assertj.core.api.Assertions.catchThrowable(() ->
                    session.run(RunSpec.builder("report").runId("r1").build()));
        }

        assertThat(failure.getMessage()).contains("dataset 'orders' (sql.Table): cannot load table orders from "
                        + "jdbc:postgresql://u:****@127.0.0.1:", "/db?password=****: cannot connect: host 'u:****@127.0.0.1' "
                        + "is not found", "give the user and password in credentials")
                .doesNotContain(SECRET);
        try (Stream<Path> files = Files.walk(project.resolve(".sluice/runs/r1"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(SECRET);
            }
        }
    }

    private void write(String file, String text) throws IOException {
        Path p = project.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
