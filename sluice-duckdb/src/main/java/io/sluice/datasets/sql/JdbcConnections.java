package io.sluice.datasets.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.resource.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * Where SQL datasets (and Parquet, which uses DuckDB as an engine) get connections: pools and
 * in-process databases kept in a {@link Resources} registry — the catalog's
 * ({@link io.sluice.io.DatasetConfig#resources()}), so they are created on first use and closed
 * with the session, never held by the JVM. An entry that gives its connection itself ({@code url},
 * {@code credentials}) thus gets an anonymous, session-owned connection made exactly as a
 * {@code jdbc} engine's ({@link JdbcEngine}) is, with the default pool options; an entry with
 * {@code engine: <name>} uses that engine's instead.
 *
 * <ul>
 *   <li>Servers (PostgreSQL, …): one HikariCP pool per distinct (URL, user) per registry. The
 *       pool is identified by the URL with any password in it masked, so two URLs that differ
 *       only in an embedded password share a pool, as entries differing only in their
 *       credentials' password do. Before a pool is made, one connection is opened straight
 *       through the driver: a wrong password, database or host then fails at once with its
 *       cause and the fix ({@link ConnectionFailures}), instead of after the pool's connection
 *       timeout with a generic "connection is not available".</li>
 *   <li>DuckDB: one in-process database per file (or one per in-memory URL) per registry; each
 *       borrower gets a {@link DuckDBConnection#duplicate() duplicate} connection to it, which it
 *       closes.</li>
 * </ul>
 *
 * <p><b>One DuckDB file, several sessions.</b> DuckDB keeps one database per file per process:
 * two sessions in one JVM opening the same file share it (each sees what the other committed)
 * and closing one leaves the other's connections working. Their URLs must then carry the same
 * options ({@code ;access_mode=READ_ONLY}…), or the second open fails with a message naming the
 * file. A file open in another process (another {@code sluice run}) cannot be opened at all:
 * DuckDB lets one process at a time use a database file, and the error says so.
 *
 * <p>URLs and users appear in errors and pool names, passwords never.
 */
public final class JdbcConnections {
    private static final String IN_MEMORY = JdbcTarget.DUCKDB_PREFIX;

    private final Resources resources;

    private JdbcConnections(Resources resources) {
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /**
     * The connections kept in {@code resources}. Cheap: it holds nothing itself, so a dataset
     * takes one in its constructor.
     */
    public static JdbcConnections in(Resources resources) {
        return new JdbcConnections(resources);
    }

    /**
     * A connection to {@code target}; the caller closes it (which returns it to its pool).
     *
     * @throws IllegalStateException when the registry is closed (its session ended)
     */
    public Connection open(JdbcTarget target) throws SQLException {
        if (target.isDuckDb()) {
            return duckDb(target.url(), "duckdb " + target.displayUrl());
        }
        return shared("jdbc pool " + target, () -> pool(target, PoolOptions.DEFAULTS, Map.of())).getConnection();
    }

    /**
     * A connection to the registry's in-memory DuckDB database, for work that needs DuckDB as an
     * engine rather than as storage (reading and writing Parquet files); the caller closes it.
     */
    public DuckDBConnection inMemoryDuckDb() throws SQLException {
        return duckDb(IN_MEMORY, "duckdb in-memory");
    }

    private DuckDBConnection duckDb(String url, String key) throws SQLException {
        return shared(key, () -> openDuckDb(url, key)).duplicate();
    }

    /**
     * Opens {@code target} as a {@link DataSource} that its caller owns and closes: for DuckDB an
     * in-process database whose connections are duplicates of one ({@link DuckDbDataSource}), for
     * servers a HikariCP pool with {@code pool}, made after one connection straight through the
     * driver succeeded (so a wrong password fails at once, explained). What a {@code jdbc} engine
     * and a SQL dataset's own connection both are.
     */
    static DataSource open(JdbcTarget target, PoolOptions pool, Map<String, String> properties) throws SQLException {
        if (target.isDuckDb()) {
            return openDuckDb(target.url(), "duckdb " + target.displayUrl());
        }
        return pool(target, pool, properties);
    }

    private static DuckDbDataSource openDuckDb(String url, String display) throws SQLException {
        String file = fileOf(url);
        if (!file.isEmpty() && !file.startsWith(":memory:")) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the directory " + parent + " of DuckDB database " + file, e);
            }
        }
        try {
            return new DuckDbDataSource((DuckDBConnection) DriverManager.getConnection(url), display);
        } catch (SQLException e) {
            throw explained(file, e);
        }
    }

    /** DuckDB's refusals to open a file, reworded to say why and what to do. */
    private static SQLException explained(String file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Could not set lock on file")) {
            return new SQLException("DuckDB database " + file + " is in use by another process (" + message
                    + "). DuckDB lets one process at a time use a database file: wait for the other process (another"
                    + " sluice run?) to end, give each process its own file (url: jdbc:duckdb:data/<name>.duckdb), or"
                    + " use a server database such as PostgreSQL for concurrent writers.", e.getSQLState(), e);
        }
        if (message.contains("different configuration than existing connections")) {
            return new SQLException("DuckDB database " + file + " is already open in this JVM with other options"
                    + " (another session or dataset uses a URL for the same file with different settings, such as"
                    + " access_mode). DuckDB keeps one database per file per process, so every URL for that file must"
                    + " carry the same options: use the same url everywhere, or another file.", e.getSQLState(), e);
        }
        return e;
    }

    private static String fileOf(String url) {
        return url.substring(JdbcTarget.DUCKDB_PREFIX.length()).split("[?;]", 2)[0];
    }

    private static HikariDataSource pool(JdbcTarget target, PoolOptions options, Map<String, String> properties)
            throws SQLException {
        probe(target, properties);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.url());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        config.setPoolName("sluice " + target);
        config.setMaximumPoolSize(options.maxSize());
        config.setMinimumIdle(options.minIdle());
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setIdleTimeout(options.idleTimeout().toMillis());
        config.setMaxLifetime(options.maxLifetime().toMillis());
        if (target.dialect() == ColumnKind.Dialect.POSTGRES) {
            // Lets pgjdbc send a batch of inserts as multi-row INSERTs: several times faster saves.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        properties.forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    /** Opens and closes one connection to {@code target} through its driver; a failure is explained. */
    private static void probe(JdbcTarget target, Map<String, String> properties) throws SQLException {
        Properties login = new Properties();
        login.putAll(properties);
        if (target.user() != null) {
            login.setProperty("user", target.user());
        }
        if (target.password() != null) {
            login.setProperty("password", target.password());
        }
        try (Connection ignored = DriverManager.getConnection(target.url(), login)) {
            // logged in: the pool's connections will be made the same way
        } catch (SQLException e) {
            throw ConnectionFailures.explain(target, e);
        }
    }

    /** The resource of {@code key}, with a creation failure's {@link SQLException} thrown as itself. */
    private <T extends AutoCloseable> T shared(String key, SqlSupplier<T> create) throws SQLException {
        try {
            return resources.shared(key, create.unchecked());
        } catch (CreationFailed e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface SqlSupplier<T> {
        T get() throws SQLException;

        default Supplier<T> unchecked() {
            return () -> {
                try {
                    return get();
                } catch (SQLException e) {
                    throw new CreationFailed(e);
                }
            };
        }
    }

    /** Carries a creation's {@link SQLException} through {@link Resources#shared}. */
    private static final class CreationFailed extends RuntimeException {
        CreationFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
