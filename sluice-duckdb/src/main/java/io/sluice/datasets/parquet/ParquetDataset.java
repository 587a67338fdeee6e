package io.sluice.datasets.parquet;

import io.sluice.io.ColumnConversions;
import io.sluice.io.RowMapper;
import java.util.Optional;
import io.sluice.datasets.sql.ColumnKind;
import io.sluice.datasets.sql.JdbcConnections;
import io.sluice.datasets.sql.JdbcRows;
import io.sluice.datasets.sql.RowValues;
import io.sluice.datasets.sql.SqlIdentifiers;
import io.sluice.io.AtomicFiles;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A Parquet file ({@code type: parquet}, alias {@code ParquetDataset}), read and written by an
 * in-process DuckDB — no Hadoop.
 *
 * <pre>{@code
 * model_input:
 *   type: parquet
 *   filepath: data/05_model_input/model_input.parquet
 *   versioned: true                      # optional, see FileLocation
 *   load_args: {columns: [id, price]}    # optional subset
 *   save_args: {compression: zstd, columns: [id, price]}   # snappy (default), zstd, gzip, uncompressed
 * }</pre>
 *
 * <p>Load gives {@code List<Map<String,Object>>}, or through {@link #load(Type)} a
 * {@code List<R>} of the node's record type mapped by column name; values are read by column
 * index with typed getters.
 *
 * <p>Save takes a list of records, objects or maps. The Parquet schema comes from the row type
 * (see {@link ColumnKind}: {@code long} → INT64, {@code double} → DOUBLE, {@code String} → UTF8,
 * …). Rows go through DuckDB's appender into a table of the session's in-memory database, which is
 * copied to a temporary file next to the target and then moved over it atomically by
 * {@link AtomicFiles#writeFile}: a failed save leaves the previous file as it was, and the file
 * gets a checksum record which loads check it against, as every file dataset's does.
 *
 * <p>The in-memory DuckDB database is the catalog's ({@link JdbcConnections#inMemoryDuckDb()} in
 * {@link DatasetConfig#resources()}), created on first use and closed with the session.
 */
public final class ParquetDataset extends FileDataset<List<?>> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "parquet";
    /** Saves report the rows appended every this many rows. */
    private static final int ROWS_REPORTED = 4096;
    private static final Set<String> COMPRESSIONS = Set.of("snappy", "zstd", "gzip", "uncompressed");

    private final ColumnConversions conversions;
    private final List<String> loadColumns;
    private final List<String> saveColumns;
    private final String compression;
    private final JdbcConnections connections;

    /** Reads the entry; touches files only on load and save. */
    public ParquetDataset(DatasetConfig config) {
        super(config);
        DatasetConfig load = config.section("load_args");
        this.loadColumns = columns(load, "load_args");
        this.conversions = ColumnConversions.from(load, "parse");
        DatasetConfig save = config.section("save_args");
        this.saveColumns = columns(save, "save_args");
        this.compression = save.string("compression", "snappy");
        this.connections = JdbcConnections.in(config.resources());
        if (!COMPRESSIONS.contains(compression)) {
            throw new DatasetException(config.subject() + ": save_args.compression is '" + compression
                    + "'; expected one of gzip, snappy, uncompressed, zstd.");
        }
    }

    private List<String> columns(DatasetConfig section, String where) {
        List<String> columns = section.stringList("columns");
        columns.forEach(c -> SqlIdentifiers.quote(c, config.subject() + ": " + where + ".columns: column"));
        return columns;
    }

    @Override
    public List<?> load() {
        return read(outside(), Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        return read(run, JdbcRows.rowType(config.subject(), target));
    }

    private List<?> read(RunContext run, Type element) {
        // DuckDB opens the file by its path: forLoad checks it against its checksum record first.
        Path file = location.forLoad(run);
        String sql = "SELECT " + SqlIdentifiers.selectList(loadColumns) + " FROM read_parquet(?)";
        try (DuckDBConnection c = connections.inMemoryDuckDb();
             PreparedStatement ps = c.prepareStatement(sql)) {
            int expected = rowCount(c, file);
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery();
                 Progress.Task progress = Progress.start(run, config.name(), "loading", expected, Progress.Unit.ROWS)) {
                return JdbcRows.read(rs, element, conversions, config.subject(), expected, progress);
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot read " + config.display(file) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The file's row count from its footer (DuckDB answers {@code count(*)} of a Parquet file from
     * the row groups' metadata, without reading the columns), so the list of rows is allocated once
     * at its size; 10 if the count is not a small enough number.
     */
    private static int rowCount(DuckDBConnection c, Path file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                long n = rs.next() ? rs.getLong(1) : 0;
                return n >= 0 && n < Integer.MAX_VALUE - 8 ? (int) n : 10;
            }
        }
    }

    /** Only lists of records, POJOs or maps, and untyped consumers. */
    @Override
    public Optional<String> incompatibility(Type target) {
        return RowMapper.rowListIncompatibility(target);
    }

    @Override
    public void save(List<?> rows) {
        save(outside(), rows);
    }

    @Override
    public void save(RunContext run, List<?> rows) {
        if (rows != null && rows.isEmpty()) {
            // Most often an input upstream had no rows: say so, rather than only that this file cannot be written.
            throw new DatasetException(config.subject() + " cannot save an empty list: a Parquet file takes its"
                    + " columns from the rows, and there are none. If the node returned no rows because an input had"
                    + " none (a CSV file with only its header, say), look at that input. Nothing was saved.");
        }
        RowValues values = RowValues.of(rows, config.subject());
        for (String c : saveColumns) {
            if (!values.columns().contains(c)) {
                throw new DatasetException(config.subject() + ": save_args.columns names '" + c
                        + "', which the rows do not have. Columns: " + String.join(", ", values.columns()) + ".");
            }
        }
        // an object (filepath: s3://...) is written to a local temporary file by DuckDB, then uploaded
        Path target = location.url().isPresent() ? null : location.forSave(run);
        String shown = location.url().orElseGet(() -> config.display(target));
        String table = "sluice_parquet_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (DuckDBConnection c = connections.inMemoryDuckDb()) {
            try {
                createTable(c, table, values);
                // rows appended to DuckDB's table, of the list's size; DuckDB's COPY then writes the file
                try (Progress.Task progress = Progress.start(run, config.name(), "saving", rows.size(),
                        Progress.Unit.ROWS)) {
                    append(c, table, values, rows, progress);
                }
                // DuckDB writes the temporary file by its path; AtomicFiles checksums it, forces it
                // to disk, records it and moves it into place like every other file dataset's.
                if (target == null) {
                    location.saveFile(run, temp -> copy(c, table, temp));
                } else {
                    AtomicFiles.writeFile(target, run, temp -> copy(c, table, temp));
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + SqlIdentifiers.quote(table, "table"));
                }
            }
        } catch (SQLException | IOException e) {
            throw new DatasetException(config.subject() + ": cannot save " + shown + ": "
                    + e.getMessage() + ". Nothing was saved; the previous file is unchanged.", e);
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + " Nothing was saved; the previous file is unchanged.", e);
        }
    }

    private static void createTable(DuckDBConnection c, String table, RowValues values) throws SQLException {
        List<String> defs = new ArrayList<>();
        for (int i = 0; i < values.columns().size(); i++) {
            defs.add(SqlIdentifiers.quote(values.columns().get(i), "column") + " "
                    + values.kinds().get(i).sqlType(ColumnKind.Dialect.DUCKDB));
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + SqlIdentifiers.quote(table, "table") + " (" + String.join(", ", defs) + ")");
        }
    }

    private void append(DuckDBConnection c, String table, RowValues values, List<?> rows, Progress.Task progress)
            throws SQLException {
        List<ColumnKind> kinds = values.kinds();
        int n = kinds.size();
        ColumnKind[] k = kinds.toArray(ColumnKind[]::new);
        Object[] row = new Object[n];
        ColumnWriter[] writers = ColumnWriter.of(values);
        Class<?> rowClass = values.rowClass();
        long rowNumber = 0;
        try (DuckDBAppender appender = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (Object r : rows) {
                rowNumber++;
                if (rowNumber % ROWS_REPORTED == 0) {
                    progress.add(ROWS_REPORTED);
                }
                if (writers != null && r != null && r.getClass() == rowClass) {
                    // records and POJOs: each value read as its declared type, primitives unboxed
                    appender.beginRow();
                    for (int i = 0; i < n; i++) {
                        try {
                            writers[i].append(appender, r);
                        } catch (SQLException | Error e) {
                            throw e;
                        } catch (Throwable e) {
                            throw new DatasetException(config.subject() + ": cannot read column '"
                                    + values.columns().get(i) + "' of row " + rowNumber + ": " + e, e);
                        }
                    }
                    appender.endRow();
                    continue;
                }
                values.values(r, rowNumber, row);
                appender.beginRow();
                for (int i = 0; i < n; i++) {
                    appendValue(appender, k[i], row[i]);
                }
                appender.endRow();
            }
        }
        progress.add(rowNumber % ROWS_REPORTED);
    }

    /** One value of a column of {@code kind}, checked by {@link RowValues#values}; null is NULL. */
    static void appendValue(DuckDBAppender appender, ColumnKind kind, Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
            return;
        }
        switch (kind) {
            case LONG -> appender.append(((Number) v).longValue());
            case INT -> appender.append(((Number) v).intValue());
            case DOUBLE -> appender.append(((Number) v).doubleValue());
            case STRING -> appender.append(v.toString());
            case BOOLEAN -> appender.append(((Boolean) v).booleanValue());
            case DATE -> appender.append((LocalDate) v);
            case TIMESTAMP -> appender.append(JdbcRows.utc(v));
            case DECIMAL -> appender.append(v instanceof BigDecimal d ? d.setScale(10,
                    java.math.RoundingMode.HALF_EVEN) : BigDecimal.valueOf(((Number) v).longValue(), 0)
                    .setScale(10));
        }
    }

    private void copy(DuckDBConnection c, String table, Path file) throws IOException {
        String sql = "COPY (SELECT " + SqlIdentifiers.selectList(saveColumns) + " FROM " + SqlIdentifiers.quote(table, "table")
                + ") TO ? (FORMAT PARQUET, COMPRESSION " + compression + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, file.toString());
            ps.execute();
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
