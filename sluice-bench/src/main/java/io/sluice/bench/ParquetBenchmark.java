package io.sluice.bench;

import io.sluice.datasets.parquet.ParquetDataset;
import io.sluice.datasets.sql.JdbcConnections;
import io.sluice.io.DatasetConfig;
import io.sluice.resource.Resources;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The catalog's Parquet dataset (in-process DuckDB) on the rows of {@link CsvBenchmark}:
 * 1,000,000 rows × 5 columns, snappy-compressed, loaded into {@code List<Row>} and saved from it,
 * against DuckDB's JDBC driver called directly on the same file, in the same JVM and the same
 * in-memory database: {@code read_parquet} into the same records with typed getters, and an
 * appender into a table copied out with {@code COPY ... TO (FORMAT PARQUET, COMPRESSION snappy)}.
 * Target (issue 10): the catalog within 10 % of the direct calls.
 *
 * <p>The catalog save also checksums the file, forces it to disk, writes the checksum record and
 * renames both into place (atomic saves); the direct save only writes the file.
 *
 * <p>The file is saved through the catalog, so it has a checksum record; {@code checksum} says
 * whether loads check it. DuckDB opens the file by its path, so the check is one extra read of
 * the file before DuckDB's. Target: ≤ 5 % over the load without the check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ParquetBenchmark {
    private static final Type ROW_LIST = CsvBenchmark.ROW_LIST;

    /** Whether the catalog load checks the file against its checksum record. */
    @Param({"true", "false"})
    public boolean checksum;

    private Path dir;
    private Resources resources;
    private ParquetDataset input;
    private ParquetDataset output;
    private List<CsvBenchmark.Row> rows;
    private RunContext run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("sluice-parquet-bench");
        resources = new Resources("the benchmark's catalog");
        run = new RunContext("bench", "bench", "local", Map.of(), dir);
        rows = CsvBenchmark.rows();
        input = new ParquetDataset(DatasetConfig.of("rows", ParquetDataset.TYPE,
                Map.of("filepath", "rows.parquet", "checksum", checksum), dir, resources));
        output = new ParquetDataset(DatasetConfig.of("out", ParquetDataset.TYPE,
                Map.of("filepath", "out.parquet"), dir, resources));
        input.save(run, rows);
        if (!input.load(run, ROW_LIST).equals(rows)) {
            throw new IllegalStateException("the catalog load differs from what was saved");
        }
        System.out.printf("%nfile: %,d bytes%n", Files.size(dir.resolve("rows.parquet")));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        resources.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object catalogLoad() {
        return input.load(run, ROW_LIST);
    }

    @Benchmark
    public List<CsvBenchmark.Row> duckdbLoad() throws SQLException {
        List<CsvBenchmark.Row> out = new ArrayList<>(CsvBenchmark.ROWS);
        try (Connection c = JdbcConnections.in(resources).inMemoryDuckDb();
             PreparedStatement ps = c.prepareStatement("SELECT id, a, b, c, s FROM read_parquet(?)")) {
            ps.setString(1, dir.resolve("rows.parquet").toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CsvBenchmark.Row(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    @Benchmark
    public void catalogSave() {
        output.save(run, rows);
    }

    @Benchmark
    public void duckdbSave() throws SQLException {
        try (DuckDBConnection c = JdbcConnections.in(resources).inMemoryDuckDb()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE direct_out (id BIGINT, a DOUBLE, b DOUBLE, c BIGINT, s VARCHAR)");
            }
            try {
                try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "direct_out")) {
                    for (CsvBenchmark.Row r : rows) {
                        appender.beginRow();
                        appender.append(r.id());
                        appender.append(r.a());
                        appender.append(r.b());
                        appender.append(r.c());
                        appender.append(r.s());
                        appender.endRow();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "COPY (SELECT id, a, b, c, s FROM direct_out) TO ? (FORMAT PARQUET, COMPRESSION snappy)")) {
                    ps.setString(1, dir.resolve("direct-out.parquet").toString());
                    ps.execute();
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS direct_out");
                }
            }
        }
    }
}
