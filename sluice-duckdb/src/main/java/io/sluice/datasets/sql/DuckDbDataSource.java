package io.sluice.datasets.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * An in-process DuckDB database as a {@link DataSource}: one root connection opened on creation,
 * and for each {@link #getConnection()} a {@link DuckDBConnection#duplicate() duplicate} of it,
 * which the borrower closes. A pool would be wrong here: every connection DuckDB's driver opens
 * for an in-memory URL is a database of its own, while duplicates share one. Closing this closes
 * the root; duplicates still open keep the database until they close.
 */
final class DuckDbDataSource implements DataSource, AutoCloseable {
    private final DuckDBConnection root;
    private final String display;
    private volatile boolean closed;

    DuckDbDataSource(DuckDBConnection root, String display) {
        this.root = root;
        this.display = display;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("DuckDB database " + display + " is closed: its session has ended.");
        }
        return root.duplicate();
    }

    /** DuckDB has no users: the arguments are ignored. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** A duplicate typed as DuckDB's own connection (Appender, Arrow), for DuckDB-specific work. */
    DuckDBConnection duplicate() throws SQLException {
        return (DuckDBConnection) getConnection();
    }

    @Override
    public void close() throws SQLException {
        closed = true;
        root.close();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no log of its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // in-process: nothing to wait for
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "DuckDbDataSource[" + display + (closed ? ", closed" : "") + "]";
    }
}
