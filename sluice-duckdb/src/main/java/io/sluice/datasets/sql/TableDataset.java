package io.sluice.datasets.sql;

import io.sluice.io.ColumnConversions;
import io.sluice.io.DataLocation;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.RowMapper;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database table ({@code type: sql.Table}, alias {@code sql_table}, Kedro's
 * {@code SQLTableDataset}).
 *
 * <pre>{@code
 * shuttles:
 *   type: sql.Table
 *   table: shuttles
 *   schema: analytics              # optional
 *   url: jdbc:postgresql://db:5432/warehouse   # optional; default jdbc:duckdb:data/sluice.duckdb
 *   credentials: warehouse         # user (or username) and password from credentials.yml
 *   # or, instead of url and credentials, the session's engine from engines.yml:
 *   # engine: warehouse
 *   load_args: {columns: [id, price], fetch_size: 10000, parse: {price: currency}}
 *   save_args: {mode: replace, batch_size: 1000}   # mode: replace (default) or append
 * }</pre>
 *
 * <p>Load gives {@code List<Map<String,Object>>} (columns in table order), or, through
 * {@link #load(Type)}, a {@code List<R>} of the node's record type mapped by column name.
 *
 * <p>Save takes a list of records, objects or maps; the column types of a created table come from
 * the row type (see {@link ColumnKind}). Values are always bound as statement parameters, in
 * batches. {@code replace} creates a new table under a temporary name, inserts every row, then
 * drops the old table and renames the new one — all in one transaction, so readers see the old
 * content or the new, and a failed save leaves the old table as it was. {@code append} inserts in
 * one transaction (creating the table if it does not exist): all rows or none. Saving an empty
 * list empties an existing table ({@code replace}) or does nothing ({@code append}).
 *
 * <p>Connections come from the {@code jdbc} engine the entry names ({@code engine: warehouse}, see
 * {@link JdbcEngine}), or else from {@link JdbcConnections}, in the catalog's
 * {@link io.sluice.resource.Resources}: the session's pool for the URL and user. Both are closed
 * with the session.
 *
 * <p>A table is the same in every run (it is not versioned), so the run-taking methods of
 * {@link io.sluice.io.Dataset} are its context-free ones; neither reads the thread's run.
 */
public final class TableDataset implements io.sluice.io.Dataset<List<?>> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "sql.Table";

    /** How a save treats existing rows. */
    public enum Mode { REPLACE, APPEND }

    private final DatasetConfig config;
    private final ColumnConversions conversions;
    private final JdbcTarget target;
    private final SqlSource source;
    private final String table;
    private final String schema;
    private final String qualified;
    private final List<String> loadColumns;
    private final int fetchSize;
    private final Mode mode;
    private final int batchSize;
    private final Optional<DataLocation> shared;

    /** Reads the entry; connects only on load and save. */
    public TableDataset(DatasetConfig config) {
        this.config = config;
        this.table = config.string("table");
        this.schema = config.optionalString("schema").orElse(null);
        String subject = config.subject();
        this.qualified = (schema == null ? "" : SqlIdentifiers.quote(schema, subject + ": schema") + ".")
                + SqlIdentifiers.quote(table, subject + ": table");
        this.source = SqlSource.from(config);
        this.target = source.target();
        DatasetConfig load = config.section("load_args");
        this.loadColumns = load.stringList("columns");
        loadColumns.forEach(c -> SqlIdentifiers.quote(c, subject + ": load_args.columns: column"));
        this.fetchSize = load.integer("fetch_size", 10_000);
        this.conversions = ColumnConversions.from(load, "parse");
        DatasetConfig save = config.section("save_args");
        String m = save.string("mode", "replace");
        this.mode = switch (m) {
            case "replace" -> Mode.REPLACE;
            case "append" -> Mode.APPEND;
            default -> throw new DatasetException(subject + ": save_args.mode is '" + m
                    + "'; expected replace or append.");
        };
        this.batchSize = save.integer("batch_size", 1000);
        if (batchSize < 1 || fetchSize < 1) {
            throw new DatasetException(subject + ": batch_size and fetch_size must be at least 1.");
        }
        this.shared = Optional.of(DataLocation.other(config.projectDir(), target + "#" + qualified,
                "dataset '" + config.name() + "' (" + qualified + " in " + target.displayUrl() + ")"));
    }

    @Override
    public List<?> load() {
        return read(Object.class);
    }

    @Override
    public Object load(Type target) {
        return read(JdbcRows.rowType(config.subject(), target));
    }

    private List<?> read(Type element) {
        String sql = "SELECT " + SqlIdentifiers.selectList(loadColumns) + " FROM " + qualified;
        try (Connection c = source.open();
             Statement st = c.createStatement()) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery(sql)) {
                return JdbcRows.read(rs, element, conversions, config.subject());
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot load table " + shownTable() + " from "
                    + target.displayUrl() + ": " + message(e, target), e);
        }
    }

    /** Only lists of records, POJOs or maps, and untyped consumers. */
    @Override
    public Optional<String> incompatibility(Type target) {
        return RowMapper.rowListIncompatibility(target);
    }

    @Override
    public void save(List<?> rows) {
        try (Connection c = source.open()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (rows == null || rows.isEmpty()) {
                    saveEmpty(c);
                } else {
                    saveRows(c, RowValues.of(rows, config.subject()), rows);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                if (e instanceof DatasetException de) {
                    throw new DatasetException(de.getMessage() + " Nothing was saved; table " + shownTable()
                            + " is unchanged.", de);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot save to table " + shownTable() + " at "
                    + target.displayUrl() + ": " + message(e, target) + ". Nothing was saved; the table is unchanged.", e);
        }
    }

    private void saveEmpty(Connection c) throws SQLException {
        if (!exists(c)) {
            throw new DatasetException(config.subject() + " cannot save an empty list: table " + shownTable()
                    + " does not exist and its columns are taken from the rows.");
        }
        if (mode == Mode.REPLACE) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + qualified);
            }
        }
    }

    private void saveRows(Connection c, RowValues values, List<?> rows) throws SQLException {
        String into = qualified;
        String temp = null;
        if (mode == Mode.REPLACE) {
            temp = "sluice_tmp_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            into = (schema == null ? "" : SqlIdentifiers.quote(schema, "schema") + ".")
                    + SqlIdentifiers.quote(temp, "table");
            create(c, into, values);
        } else if (!exists(c)) {
            create(c, qualified, values);
        }
        insert(c, into, values, rows);
        if (temp != null) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + qualified);
                st.execute("ALTER TABLE " + into + " RENAME TO " + SqlIdentifiers.quote(table, "table"));
            }
        }
    }

    private void create(Connection c, String name, RowValues values) throws SQLException {
        List<String> defs = new ArrayList<>();
        for (int i = 0; i < values.columns().size(); i++) {
            defs.add(SqlIdentifiers.quote(values.columns().get(i), "column") + " "
                    + values.kinds().get(i).sqlType(target.dialect())
                    + (values.nullable().get(i) ? "" : " NOT NULL"));
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + name + " (" + String.join(", ", defs) + ")");
        }
    }

    private void insert(Connection c, String into, RowValues values, List<?> rows) throws SQLException {
        int n = values.columns().size();
        String sql = "INSERT INTO " + into + " ("
                + String.join(", ", values.columns().stream().map(col -> SqlIdentifiers.quote(col, "column")).toList())
                + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
        Object[] row = new Object[n];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long rowNumber = 0;
            long batchStart = 1;
            int inBatch = 0;
            for (Object r : rows) {
                values.values(r, ++rowNumber, row);
                JdbcRows.bind(ps, row, values.kinds());
                ps.addBatch();
                if (++inBatch == batchSize) {
                    executeBatch(ps, batchStart, rowNumber);
                    batchStart = rowNumber + 1;
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                executeBatch(ps, batchStart, rowNumber);
            }
        }
    }

    private void executeBatch(PreparedStatement ps, long from, long to) throws SQLException {
        try {
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": the database refused rows " + from + " to " + to
                    + " of the save into table " + shownTable() + ": " + message(e, target) + ".", e);
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The table, for the session's leases: runs of this project that read and write it take
     * turns (lock files under the project's {@code .sluice/leases}; the database's own locking
     * covers single statements only, not a run that writes the table and reads it back).
     */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return shared;
    }

    @Override
    public boolean exists() {
        try (Connection c = source.open()) {
            return exists(c);
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot check whether table " + shownTable()
                    + " exists at " + target.displayUrl() + ": " + message(e, target), e);
        }
    }

    private boolean exists(Connection c) throws SQLException {
        String sql = "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = "
                + (schema == null ? "current_schema()" : "?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            if (schema != null) {
                ps.setString(2, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        source.describeInto(out);
        return out;
    }

    private String shownTable() {
        return (schema == null ? "" : schema + ".") + table;
    }

    /**
     * The most useful message of a JDBC failure to reach {@code target}, its passwords masked: a
     * batch's is in its next exception; a pool's timeout names the connection failure that caused it.
     */
    static String message(SQLException e, JdbcTarget target) {
        SQLException next = e.getNextException();
        String message;
        if (e instanceof BatchUpdateException && next != null) {
            message = next.getMessage();
        } else if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            message = e.getMessage() + " (last connection failure: " + cause.getMessage() + ")";
        } else {
            message = e.getMessage();
        }
        return target.mask(message);
    }
}
