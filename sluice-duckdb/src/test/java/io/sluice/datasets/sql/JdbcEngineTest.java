package io.sluice.datasets.sql;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.SluiceException;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineHealth;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code jdbc} engine on in-process DuckDB: nodes run SQL in it, SQL datasets name it. */
class JdbcEngineTest {
    private static final String SECRET = "Pa55-w0rd-secret";
    private static final String WAREHOUSE = "warehouse:\n  type: jdbc\n  url: jdbc:duckdb:data/warehouse.duckdb\n";

    @TempDir
    Path dir;

    public record Shuttle(String id, double price) {
    }

    static List<Shuttle> shuttles() {
        return List.of(new Shuttle("a", 10), new Shuttle("b", 250), new Shuttle("c", 900));
    }

    /** Computes the table inside DuckDB; the price limit is a bind parameter, never pasted into SQL. */
    static TableRef expensive(DataSource warehouse, double minPrice, List<Shuttle> ignoredButOrdersTheNodes)
            throws SQLException {
        try (Connection c = warehouse.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "CREATE OR REPLACE TABLE expensive AS SELECT id, price FROM shuttles WHERE price >= ?")) {
            ps.setDouble(1, minPrice);
            ps.execute();
        }
        return TableRef.of("expensive");
    }

    static long total(List<Shuttle> expensive) {
        return expensive.stream().mapToLong(s -> (long) s.price()).sum();
    }

    static DataSource same(DataSource warehouse, String ignored) {
        return warehouse;
    }

    static int connectionParam(Connection wrong) {
        return 0;
    }

    private static final String CATALOG = """
            shuttles:
              type: sql.Table
              engine: warehouse
              table: shuttles
            expensive_shuttles:
              type: sql.TableRef
              engine: warehouse
              table: expensive
            """;

    private Session pipelineSession() {
        Pipeline pipeline = Pipeline.of(
                node(JdbcEngineTest::shuttles).outputs("shuttles"),
                node(JdbcEngineTest::expensive).inputs("engine:warehouse", "params:min_price", "shuttles")
                        .outputs("expensive_shuttles"),
                node(JdbcEngineTest::total).inputs("expensive_shuttles").outputs("total"));
        return EngineProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE,
                "conf/base/catalog.yml", CATALOG, "conf/base/parameters.yml", "min_price: 200\n"));
    }

    @Test
    void aNodeRunsSqlWithBindParametersInTheWarehouseAndDatasetsShareItsDatabase() {
        try (Session session = pipelineSession()) {
            assertThat(session.engines().created()).containsEntry("warehouse", false);

            Object total = session.run(RunSpec.builder().journal(false).build()).outputs().get("total");
            Object again = session.run(RunSpec.builder().journal(false).param("min_price", 500).build())
                    .outputs().get("total");

            assertThat(total).isEqualTo(1150L);
            assertThat(again).isEqualTo(900L);
            assertThat(session.catalog().dataset("expensive_shuttles").exists()).isTrue();
            assertThat(session.enginesUsedBy(io.sluice.project.Project.DEFAULT_PIPELINE)).containsExactly("warehouse");
        }
    }

    @Test
    void aTableRefDatasetLoadsAHandleAndSaysWhetherItsTableExists() {
        try (Session session = pipelineSession()) {
            var dataset = session.catalog().dataset("expensive_shuttles");
            assertThat(dataset.exists()).isFalse();

            session.run(RunSpec.builder().journal(false).build());

            assertThat(dataset.load(TableRef.class)).isEqualTo(new TableRef("warehouse", null, "expensive"));
            assertThat(dataset.exists()).isTrue();
            assertThat(dataset.describe()).containsEntry("engine", "warehouse").containsEntry("type", "sql.TableRef");
        }
    }

    @Test
    void aTableRefRefusesANodeThatReturnsAnotherTableOrDidNotCreateIt() {
        try (Session session = pipelineSession()) {
            @SuppressWarnings("unchecked")
            var dataset = (io.sluice.io.Dataset<Object>) session.catalog().dataset("expensive_shuttles");

            assertThatThrownBy(() -> dataset.save(TableRef.of("cheap")))
                    .isInstanceOf(DatasetException.class).hasMessageContaining("its node returned cheap");
            assertThatThrownBy(() -> dataset.save(TableRef.of("expensive")))
                    .isInstanceOf(DatasetException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> dataset.save(List.of(new Shuttle("a", 1))))
                    .isInstanceOf(DatasetException.class).hasMessageContaining("use type sql.Table");
        }
    }

    @Test
    void nodesAndDatasetsOfASessionGetTheSameDataSourceAndClosingTheSessionClosesIt() throws Exception {
        DataSource seen;
        try (Session session = EngineProject.of(Pipeline.of(
                node(JdbcEngineTest::same).inputs("engine:warehouse", "x").outputs("ds"))).compile(dir,
                Map.of("conf/base/engines.yml", "warehouse:\n  type: jdbc\n  url: 'jdbc:duckdb:'\n"))) {
            seen = (DataSource) session.run(RunSpec.builder().journal(false).build(), Injected.input("x", ""))
                    .outputs().get("ds");
            assertThat(seen).isSameAs(session.engines().find("warehouse").orElseThrow().get());
            try (Connection c = seen.getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t AS SELECT 42 AS answer");
            }
            try (Connection c = seen.getConnection(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT answer FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("in-memory: every connection sees one database").isEqualTo(42);
            }
        }
        assertThatThrownBy(seen::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void aNodeParameterTheEngineCannotSupplyFailsTheCompileNamingBothTypes() {
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::connectionParam)
                .inputs("engine:warehouse").outputs("n"))).compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("java.sql.Connection")
                .hasMessageContaining("supplies javax.sql.DataSource")
                .hasMessageContaining("conf/base/engines.yml:1:1");
    }

    @Test
    void aMisspeltPoolOptionIsRefusedAtItsLineWithTheClosestKey() {
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::shuttles).outputs("s")))
                .compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE + "  pool:\n    max_sise: 3\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:5:5")
                .hasMessageContaining("unknown key 'max_sise'")
                .hasMessageContaining("Did you mean 'max_size'?");
    }

    @Test
    void aDatasetGivesEitherAnEngineOrAConnectionOfItsOwn() {
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::total).inputs("t").outputs("n")))
                .compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE, "conf/base/catalog.yml",
                        "t:\n  type: sql.Table\n  table: t\n  engine: warehouse\n  url: jdbc:duckdb:x.db\n")))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:5:3")
                .hasMessageContaining("names engine 'warehouse' and also has 'url'");
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::total).inputs("t").outputs("n")))
                .compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE, "conf/base/catalog.yml",
                        "t:\n  type: sql.Query\n  sql: SELECT 1\n  engine: warehous\n")))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("conf/base/catalog.yml:4:3")
                .hasMessageContaining("Did you mean 'warehouse'?");
    }

    @Test
    void aQueryDatasetRunsThroughTheEngine() {
        try (Session session = EngineProject.of(Pipeline.of(node(JdbcEngineTest::total).inputs("q").outputs("n")))
                .compile(dir, Map.of("conf/base/engines.yml", "warehouse:\n  type: jdbc\n  url: 'jdbc:duckdb:'\n",
                        "conf/base/catalog.yml", "q:\n  type: sql.Query\n  engine: warehouse\n"
                                + "  sql: SELECT 'x' AS id, CAST(:p AS DOUBLE) AS price\n  params: {p: 7}\n"))) {
            assertThat(session.run(RunSpec.builder().journal(false).build()).outputs().get("n")).isEqualTo(7L);
        }
    }

    static TableRef createT(DataSource warehouse) throws SQLException {
        try (Connection c = warehouse.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE t AS SELECT 'z' AS id, 3.0 AS price");
        }
        return TableRef.of("t");
    }

    @Test
    void aJdbcEngineWithoutUrlAndADatasetWithItsOwnDefaultConnectionShareTheProjectsDuckDbFile() {
        Pipeline pipeline = Pipeline.of(node(JdbcEngineTest::createT).inputs("engine:warehouse").outputs("t_ref"),
                node(JdbcEngineTest::total).inputs("legacy").outputs("n"));
        try (Session session = EngineProject.of(pipeline).compile(dir, Map.of(
                "conf/base/engines.yml", "warehouse:\n  type: jdbc\n",
                "conf/base/catalog.yml", "t_ref:\n  type: sql.TableRef\n  engine: warehouse\n  table: t\n"
                        + "legacy:\n  type: sql.Table\n  table: t\n"))) {
            assertThat(session.run(RunSpec.builder().journal(false).build()).outputs().get("n")).isEqualTo(3L);
            assertThat(session.engines().describe("warehouse").get("url").toString())
                    .endsWith(JdbcTarget.DEFAULT_DUCKDB_FILE);
        }
        assertThat(dir.resolve(JdbcTarget.DEFAULT_DUCKDB_FILE)).exists();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableServerCompilesThenFailsPingAndFirstUseNamingTheEngineWithoutItsPassword() throws IOException {
        String engines = "warehouse:\n  type: jdbc\n  url: jdbc:postgresql://127.0.0.1:" + closedPort()
                + "/dw?password=" + SECRET + "\n  credentials: login\n  pool: {connection_timeout: 1s}\n";
        Pipeline pipeline = Pipeline.of(node(JdbcEngineTest::same).inputs("engine:warehouse", "x").outputs("ds"));
        try (Session session = EngineProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/local/credentials.yml", "login:\n  user: sluice\n  password: " + SECRET + "\n"))) {
            Map<String, Object> described = session.engines().describe("warehouse");
            assertThat(described.toString()).doesNotContain(SECRET).contains("password=****")
                    .contains("credentials={user=****, password=****}");

            EngineHealth health = session.engines().ping(List.of("warehouse"), Duration.ofSeconds(5)).get(0);
            assertThat(health.up()).isFalse();
            assertThat(health.problem().orElseThrow()).contains("engine 'warehouse'").contains("connection was refused")
                    .doesNotContain(SECRET);

            Throwable failure = catchThrowable(() -> session.run(RunSpec.ofDefault(), Injected.input("x", "")));
            assertThat(failure).isInstanceOf(RunFailedException.class).hasMessageContaining("engine 'warehouse'");
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                assertThat(t.toString()).doesNotContain(SECRET);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("conf"))).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aPasswordGivenAsADriverPropertyIsRefusedSinceOnlyCredentialsAreMasked() {
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::shuttles).outputs("s")))
                .compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE + "  properties: {password: " + SECRET + "}\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("driver property 'password' belongs in credentials")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void credentialsAJdbcEngineDoesNotReadAreRefused() {
        assertThatThrownBy(() -> EngineProject.of(Pipeline.of(node(JdbcEngineTest::shuttles).outputs("s")))
                .compile(dir, Map.of("conf/base/engines.yml", WAREHOUSE + "  credentials: {user: u, pasword: p}\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("unknown key 'pasword'")
                .hasMessageContaining("Did you mean 'password'?")
                .hasMessageContaining("engine 'warehouse'");
    }
}
