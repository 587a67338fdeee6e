package io.sluice.bench;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1,000,000-row aggregate in DuckDB through the {@code jdbc} engine's {@link DataSource} (a
 * duplicate connection borrowed per query, as a node does) against the DuckDB driver called
 * directly on a connection kept open (issue 11: at most 5 % overhead). Both read the same
 * database file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class JdbcEngineQueryBenchmark {
    static final String AGGREGATE = "SELECT k, sum(v) AS total, count(*) AS n FROM rows_1m WHERE v >= ? GROUP BY k";

    private Session session;
    private DataSource engine;
    private Connection direct;

    static int unused(int x) {
        return x;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path file = Files.createTempDirectory("sluice-bench-jdbc").resolve("rows.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rows_1m AS SELECT i % 100 AS k, CAST(i AS DOUBLE) AS v FROM range(1000000) t(i)");
        }
        session = BenchProjects.session(Pipeline.of(node(JdbcEngineQueryBenchmark::unused).inputs("x").outputs("y")),
                Map.of("conf/base/engines.yml", "warehouse:\n  type: jdbc\n  url: 'jdbc:duckdb:" + file + "'\n"));
        engine = (DataSource) session.engines().find("warehouse").orElseThrow().get();
        direct = DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        direct.close();
        session.close();
    }

    private static double aggregate(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AGGREGATE)) {
            ps.setDouble(1, 10.0);
            double sum = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getDouble(2);
                }
            }
            return sum;
        }
    }

    @Benchmark
    public double throughEngine() throws SQLException {
        try (Connection c = engine.getConnection()) {
            return aggregate(c);
        }
    }

    @Benchmark
    public double driverDirectly() throws SQLException {
        return aggregate(direct);
    }

    /** The driver's own connection duplicated per query: the engine's access pattern without the engine. */
    @Benchmark
    public double driverDuplicate() throws SQLException {
        try (Connection c = ((org.duckdb.DuckDBConnection) direct).duplicate()) {
            return aggregate(c);
        }
    }
}
