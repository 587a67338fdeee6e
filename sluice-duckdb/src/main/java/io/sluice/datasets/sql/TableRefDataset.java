package io.sluice.datasets.sql;

import io.sluice.io.ColumnConversions;
import io.sluice.io.DataLocation;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.RowMapper;
import io.sluice.run.RunContext;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table that nodes compute <em>inside</em> the database ({@code type: sql.TableRef}): the
 * catalog entry declares it, so the pipeline's graph, filters, {@code --only-missing-outputs},
 * resume and its description see what a node running SQL through an engine reads and writes,
 * while the rows never leave the database.
 *
 * <pre>{@code
 * model_input_table:
 *   type: sql.TableRef
 *   engine: warehouse          # a jdbc engine of engines.yml (or url + credentials, as sql.Table)
 *   table: model_input_table
 *   schema: analytics          # optional
 * }</pre>
 *
 * <p><b>Save</b>: the producing node creates the table with its own SQL and returns a
 * {@link TableRef} naming it ({@code TableRef.of("model_input_table")}); saving checks that it
 * names this entry's table and that the table now exists, and writes nothing. <b>Load</b>: a
 * consumer declared as {@link TableRef} receives the handle (engine, schema, table) to query the
 * table in place; one declared as {@code List<Row>} (or untyped) receives its rows, as from
 * {@code sql.Table}. {@link #exists()} asks the database.
 */
public final class TableRefDataset implements Dataset<Object> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "sql.TableRef";

    private final DatasetConfig config;
    private final SqlSource source;
    private final TableRef ref;
    private final int fetchSize;
    private final ColumnConversions conversions;
    private final Optional<DataLocation> shared;

    /** Reads the entry; connects only on load, save and exists. */
    public TableRefDataset(DatasetConfig config) {
        this.config = config;
        String schema = config.optionalString("schema").orElse(null);
        String table = config.string("table");
        SqlIdentifiers.quote(table, config.subject() + ": table");
        if (schema != null) {
            SqlIdentifiers.quote(schema, config.subject() + ": schema");
        }
        this.source = SqlSource.from(config);
        this.ref = new TableRef(source.engine().map(e -> e.name()).orElse(null), schema, table);
        DatasetConfig load = config.section("load_args");
        this.fetchSize = load.integer("fetch_size", 10_000);
        this.conversions = ColumnConversions.from(load, "parse");
        this.shared = Optional.of(DataLocation.other(config.projectDir(), source.target() + "#" + ref.sql(),
                "dataset '" + config.name() + "' (" + ref + " at " + source.target().displayUrl() + ")"));
    }

    /** The handle: {@link TableRef} of this table. */
    @Override
    public Object load() {
        return ref;
    }

    @Override
    public Object load(Type target) {
        if (isHandle(target)) {
            return ref;
        }
        String sql = "SELECT * FROM " + ref.sql();
        try (Connection c = source.open(); Statement st = c.createStatement()) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery(sql)) {
                return JdbcRows.read(rs, JdbcRows.rowType(config.subject(), target), conversions, config.subject());
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot read table " + ref + " from "
                    + source.target().displayUrl() + ": " + TableDataset.message(e, source.target()), e);
        }
    }

    private static boolean isHandle(Type target) {
        Type raw = target instanceof ParameterizedType p ? p.getRawType() : target;
        return raw == TableRef.class;
    }

    /** A {@link TableRef}, or a list of rows (records, objects or maps). */
    @Override
    public Optional<String> incompatibility(Type target) {
        if (isHandle(target)) {
            return Optional.empty();
        }
        Type element = RowMapper.elementType(target);
        if (element == null) {
            return Optional.of("it loads a TableRef handle or the table's rows, so declare TableRef, "
                    + "List<YourRecord> or List<Map<String, Object>>");
        }
        return RowMapper.incompatibility(element);
    }

    /**
     * Checks what the producing node returned: a {@link TableRef} naming this table, which exists
     * now. Writes nothing: the node wrote the table in the database.
     */
    @Override
    public void save(Object written) {
        if (!(written instanceof TableRef returned)) {
            throw new DatasetException(config.subject() + " is a table computed inside the database: its node must "
                    + "create " + ref + " with SQL and return TableRef.of(\"" + ref.table() + "\"), but it returned "
                    + (written == null ? "null" : "a " + written.getClass().getName()) + ". To save rows from "
                    + "memory, use type " + TableDataset.TYPE + ".");
        }
        if (!returned.sameTable(ref)) {
            throw new DatasetException(config.subject() + " is table " + ref + ", but its node returned " + returned
                    + ". Return TableRef.of(" + (ref.schema() == null ? "" : "\"" + ref.schema() + "\", ") + "\""
                    + ref.table() + "\"), or fix the entry's table.");
        }
        if (!exists()) {
            throw new DatasetException(config.subject() + ": its node returned " + returned + ", but table " + ref
                    + " does not exist at " + source.target().displayUrl() + ". The node must create it (CREATE TABLE"
                    + " ... AS SELECT ...) through the same engine, and commit.");
        }
    }

    @Override
    public boolean exists() {
        String sql = "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = "
                + (ref.schema() == null ? "current_schema()" : "?");
        try (Connection c = source.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ref.table());
            if (ref.schema() != null) {
                ps.setString(2, ref.schema());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot check whether table " + ref + " exists at "
                    + source.target().displayUrl() + ": " + TableDataset.message(e, source.target()), e);
        }
    }

    /** Runs that write the table take turns with runs that read it, as for {@code sql.Table}. */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return shared;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        source.describeInto(out);
        return out;
    }
}
