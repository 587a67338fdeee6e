package io.sluice.datasets.sql;

import java.util.Objects;

/**
 * A table inside a database, by name: what a node that computes in the backend (SQL run through a
 * {@code jdbc} engine) returns for the table it wrote, and what a {@code sql.TableRef} dataset
 * loads for a node that reads the table in place. It holds no connection and no rows, so the DAG
 * shows the real data flow while the data stays in the database.
 *
 * @param engine the engine holding the table as a {@code sql.TableRef} dataset loads it; may be
 *               null in what a node returns (the dataset knows its engine)
 * @param schema the schema, or null for the connection's current schema
 * @param table  the table name
 */
public record TableRef(String engine, String schema, String table) {
    public TableRef {
        Objects.requireNonNull(table, "table");
        SqlIdentifiers.quote(table, "table");
        if (schema != null) {
            SqlIdentifiers.quote(schema, "schema");
        }
    }

    /** The table {@code table} of the current schema, as a node returns it. */
    public static TableRef of(String table) {
        return new TableRef(null, null, table);
    }

    /** The table {@code table} of {@code schema}, as a node returns it. */
    public static TableRef of(String schema, String table) {
        return new TableRef(null, schema, table);
    }

    /** The quoted, schema-qualified name to write into SQL: {@code "analytics"."shuttles"}. */
    public String sql() {
        return (schema == null ? "" : SqlIdentifiers.quote(schema, "schema") + ".") + SqlIdentifiers.quote(table, "table");
    }

    /** Whether this names the same table as {@code other}, engines aside. */
    public boolean sameTable(TableRef other) {
        return table.equals(other.table) && Objects.equals(schema, other.schema);
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + table + (engine == null ? "" : " in engine '" + engine + "'");
    }
}
