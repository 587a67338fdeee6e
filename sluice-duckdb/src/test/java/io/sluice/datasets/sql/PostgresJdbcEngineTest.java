package io.sluice.datasets.sql;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.EngineHealth;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The {@code jdbc} engine against a real PostgreSQL server started by the tests. */
@ExtendWith(PostgresServer.Extension.class)
class PostgresJdbcEngineTest {
    private static final String APP = "sluice-engine-test";

    private final PostgresServer server;

    @TempDir
    Path dir;

    PostgresJdbcEngineTest(PostgresServer server) {
        this.server = server;
    }

    public record Order(String id, double amount) {
    }

    static List<Order> orders() {
        return List.of(new Order("o1", 5), new Order("o2", 50), new Order("o3", 500));
    }

    static TableRef bigOrders(DataSource warehouse, double min, List<Order> upstream) throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement(
                     "CREATE TABLE engine_test.big_orders AS SELECT id, amount FROM engine_test.orders WHERE amount >= ?")) {
            st.execute("DROP TABLE IF EXISTS engine_test.big_orders");
            ps.setDouble(1, min);
            ps.execute();
        }
        return TableRef.of("engine_test", "big_orders");
    }

    static int count(List<Order> big) {
        return big.size();
    }

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS engine_test CASCADE");
            st.execute("CREATE SCHEMA engine_test");
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS engine_test CASCADE");
        }
    }

    private String engines(String pool) {
        return "warehouse:\n  type: jdbc\n  url: " + server.url() + "\n  credentials: login\n"
                + "  properties: {ApplicationName: " + APP + "}\n" + pool;
    }

    private Map<String, String> files(String password, String pool) {
        return Map.of("conf/base/engines.yml", engines(pool),
                "conf/local/credentials.yml", "login:\n  user: " + PostgresServer.USER + "\n  password: " + password + "\n",
                "conf/base/catalog.yml", """
                        orders:
                          type: sql.Table
                          engine: warehouse
                          schema: engine_test
                          table: orders
                        big_orders:
                          type: sql.TableRef
                          engine: warehouse
                          schema: engine_test
                          table: big_orders
                        """,
                "conf/base/parameters.yml", "min_amount: 40\n");
    }

    private long serverConnections() throws SQLException {
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + APP + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aNodeRunsParameterisedSqlInPostgresAndTheDatasetsOfThePipelineUseTheSameEngine() throws Exception {
        Pipeline pipeline = Pipeline.of(
                node(PostgresJdbcEngineTest::orders).outputs("orders"),
                node(PostgresJdbcEngineTest::bigOrders).inputs("engine:warehouse", "params:min_amount", "orders")
                        .outputs("big_orders"),
                node(PostgresJdbcEngineTest::count).inputs("big_orders").outputs("n"));
        try (Session session = EngineProject.of(pipeline).compile(dir, files(PostgresServer.PASSWORD, ""))) {
            assertThat(serverConnections()).as("nothing connects at compile").isZero();

            Object n = session.run(RunSpec.builder().journal(false).build()).outputs().get("n");
            Object fewer = session.run(RunSpec.builder().journal(false).param("min_amount", 100).build())
                    .outputs().get("n");

            assertThat(n).isEqualTo(2);
            assertThat(fewer).isEqualTo(1);
            assertThat(session.catalog().dataset("big_orders").exists()).isTrue();
            assertThat(session.engines().ping(List.of("warehouse"), Duration.ofSeconds(5)).get(0).up()).isTrue();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (serverConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(serverConnections()).as("closing the session closed the engine's pool").isZero();
    }

    @Test
    void thePoolOptionsOfTheEntryBoundTheConnections() throws Exception {
        try (Session session = EngineProject.of(Pipeline.of(node(PostgresJdbcEngineTest::orders).outputs("o")))
                .compile(dir, files(PostgresServer.PASSWORD, "  pool: {max_size: 2, connection_timeout: 500ms}\n"))) {
            DataSource ds = (DataSource) session.engines().find("warehouse").orElseThrow().get();
            try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                assertThat(a).isNotSameAs(b);
                assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
            }
        }
    }

    static int rows(DataSource warehouse) throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void noLogLineDescriptionOrHealthAnswerShowsThePasswordEvenWhenTheUrlCarriesIt() throws Exception {
        String engines = "warehouse:\n  type: jdbc\n  url: " + server.url() + "?ApplicationName=" + APP + "&password="
                + PostgresServer.PASSWORD + "\n  credentials: {user: " + PostgresServer.USER + "}\n";
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        String shown;
        try (Session session = EngineProject.of(Pipeline.of(node(PostgresJdbcEngineTest::rows)
                .inputs("engine:warehouse").outputs("n"))).compile(dir, Map.of("conf/base/engines.yml", engines))) {
            assertThat((int) session.run(RunSpec.ofDefault()).outputs().get("n")).isPositive();
            EngineHealth health = session.engines().ping(List.of("warehouse"), Duration.ofSeconds(5)).get(0);
            shown = health + " " + session.engines().describe("warehouse") + " " + session.engines();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).as("the pool logged its start").contains("Start");
        assertThat(log).doesNotContain(PostgresServer.PASSWORD);
        assertThat(shown).contains("password=****").doesNotContain(PostgresServer.PASSWORD);
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.filter(java.nio.file.Files::isRegularFile)
                    .filter(p -> !p.startsWith(dir.resolve("conf"))).toList()) {
                assertThat(java.nio.file.Files.readString(p)).as(p.toString()).doesNotContain(PostgresServer.PASSWORD);
            }
        }
    }

    @Test
    void aWrongPasswordFailsThePingSayingWhatToFixWithoutThePassword() {
        String wrong = "not-the-" + PostgresServer.PASSWORD;
        try (Session session = EngineProject.of(Pipeline.of(node(PostgresJdbcEngineTest::orders).outputs("o")))
                .compile(dir, files(wrong, ""))) {
            EngineHealth health = session.engines().ping(List.of("warehouse"), Duration.ofSeconds(10)).get(0);

            assertThat(health.up()).isFalse();
            assertThat(health.problem().orElseThrow())
                    .contains("engine 'warehouse'")
                    .contains("authentication failed for user '" + PostgresServer.USER + "'")
                    .contains("credentials 'login'")
                    .doesNotContain(wrong);
        }
    }
}
