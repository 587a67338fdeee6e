package io.sluice.datasets.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBConnection;

/**
 * The one place SQL datasets get connections from, so that a JDBC engine from {@code engines.yml}
 * can later take its place.
 *
 * <ul>
 *   <li>Servers (PostgreSQL, …): one HikariCP pool per distinct (URL, user) in the process,
 *       created on first use.</li>
 *   <li>DuckDB: one in-process database per file (or one per in-memory URL); each borrower gets a
 *       {@link DuckDBConnection#duplicate() duplicate} connection to it. DuckDB lets only one
 *       process write a database file at a time, so two JVMs (say two {@code sluice run}s)
 *       cannot use the same {@code .duckdb} file concurrently; the second fails to open it with
 *       DuckDB's lock error.</li>
 * </ul>
 *
 * <p>Everything is closed by a JVM shutdown hook (or {@link #closeAll()}). Pools are named
 * {@code sluice-N}; URLs and users appear in errors, passwords never.
 */
public final class JdbcConnections {
    private static final Map<String, HikariDataSource> POOLS = new ConcurrentHashMap<>();
    private static final Map<String, DuckDBConnection> DUCKDBS = new ConcurrentHashMap<>();
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
    private static final String IN_MEMORY = JdbcTarget.DUCKDB_PREFIX;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JdbcConnections::closeAll, "sluice-jdbc-close"));
    }

    private JdbcConnections() {
    }

    /** A connection to {@code target}; the caller closes it (which returns it to its pool). */
    public static Connection open(JdbcTarget target) throws SQLException {
        if (target.isDuckDb()) {
            return duckDb(target.url());
        }
        return POOLS.computeIfAbsent(target.poolKey(), k -> pool(target)).getConnection();
    }

    /**
     * A connection to the process's shared in-memory DuckDB database, for work that needs DuckDB
     * as an engine rather than as storage (reading and writing Parquet files).
     */
    public static DuckDBConnection inMemoryDuckDb() throws SQLException {
        return duckDb(IN_MEMORY);
    }

    private static DuckDBConnection duckDb(String url) throws SQLException {
        DuckDBConnection root = DUCKDBS.get(url);
        if (root == null) {
            synchronized (DUCKDBS) {
                root = DUCKDBS.get(url);
                if (root == null) {
                    createParentDirectory(url);
                    root = (DuckDBConnection) DriverManager.getConnection(url);
                    DUCKDBS.put(url, root);
                }
            }
        }
        return (DuckDBConnection) root.duplicate();
    }

    private static void createParentDirectory(String url) throws SQLException {
        String file = url.substring(JdbcTarget.DUCKDB_PREFIX.length()).split("[?;]", 2)[0];
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the directory " + parent + " of DuckDB database " + file, e);
        }
    }

    private static HikariDataSource pool(JdbcTarget target) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.url());
        if (target.user() != null) {
            config.setUsername(target.user());
        }
        if (target.password() != null) {
            config.setPassword(target.password());
        }
        config.setPoolName("sluice-" + POOL_NUMBER.incrementAndGet());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        if (target.dialect() == ColumnKind.Dialect.POSTGRES) {
            // Lets pgjdbc send a batch of inserts as multi-row INSERTs: several times faster saves.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    /** Closes every pool and in-process database; later {@link #open} calls create them anew. */
    public static void closeAll() {
        List<AutoCloseable> all = new ArrayList<>();
        synchronized (DUCKDBS) {
            all.addAll(POOLS.values());
            all.addAll(DUCKDBS.values());
            POOLS.clear();
            DUCKDBS.clear();
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing at shutdown: nothing useful to do with a failure.
            }
        }
    }
}
