package io.sluice.datasets.sql;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineCredentials;
import io.sluice.io.Credentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code jdbc} engine: a {@link DataSource} for nodes ({@code engine:warehouse}) and SQL
 * datasets ({@code engine: warehouse}), made on first use and closed with the session.
 *
 * <pre>{@code
 * warehouse:
 *   type: jdbc
 *   url: jdbc:postgresql://db:5432/dw     # default: jdbc:duckdb:data/sluice.duckdb (in the project)
 *   credentials: warehouse_login          # user (or username) and password
 *   pool: {max_size: 8, min_idle: 0, connection_timeout: 10s, idle_timeout: 10m, max_lifetime: 30m}
 *   properties: {ApplicationName: sluice} # driver properties
 * }</pre>
 *
 * <p>DuckDB ({@code jdbc:duckdb:<file>}, or {@code jdbc:duckdb:} in memory) runs in-process: one
 * database per engine, and each {@code getConnection()} a duplicate connection to it (a pool of
 * separate in-memory connections would be separate databases), so {@code pool} does not apply.
 * Any other URL gets a HikariCP pool, made only after one connection through the driver succeeded,
 * so a wrong password or host fails at once with the cause and the fix. A relative DuckDB file
 * resolves against the project directory.
 *
 * <p>Passwords, in credentials or written into the URL, never appear in {@link #describe()}, in
 * health answers or in messages.
 */
public final class JdbcEngine extends Engine<DataSource> {
    /** The type name in {@code engines.yml}. */
    public static final String TYPE = "jdbc";

    /**
     * The options of a {@code jdbc} entry.
     *
     * @param url        the JDBC URL; absent: the project's DuckDB file
     * @param pool       the server connection pool
     * @param properties driver properties, added to every connection
     */
    record Options(Optional<String> url, PoolOptions pool, Map<String, String> properties) {
    }

    private final JdbcTarget target;
    private final Options options;

    /** Reads the entry; connects on first use only. */
    public JdbcEngine(EngineConfig config) {
        super(config, DataSource.class);
        this.options = config.bind(Options.class, new Options(Optional.empty(), PoolOptions.DEFAULTS, Map.of()));
        EngineCredentials credentials = config.credentials();
        credentials.requireKnownKeys(JdbcTarget.CREDENTIAL_KEYS);
        if (credentials.keys().containsAll(Set.of("user", "username"))) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + ": "
                    + credentials.source() + " give both 'user' and 'username'; keep one of them.");
        }
        for (String key : options.properties().keySet()) {
            String k = key.toLowerCase(java.util.Locale.ROOT);
            if (k.equals("user") || k.contains("password") || k.contains("secret") || k.contains("token")) {
                throw new EngineConfigException(config.location() + ": " + config.subject() + ": driver property '"
                        + key + "' belongs in credentials, which are masked everywhere; properties are shown by "
                        + "describe. Move it to the entry's credentials (user, password).");
            }
        }
        String url = options.url().orElse(JdbcTarget.DUCKDB_PREFIX
                + config.projectDir().resolve(JdbcTarget.DEFAULT_DUCKDB_FILE));
        if (!url.startsWith("jdbc:")) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + ": url '"
                    + Credentials.maskUrlSecrets(url) + "' is not a JDBC URL. Write jdbc:<database>:..., e.g. "
                    + "jdbc:duckdb:data/warehouse.duckdb or jdbc:postgresql://host:5432/db.");
        }
        this.target = JdbcTarget.of(JdbcTarget.resolveDuckDbFile(url, config.projectDir()),
                credentials.optional("user").or(() -> credentials.optional("username")).orElse(null),
                credentials.optional("password").orElse(null), credentials.isEmpty() ? null : credentials.source());
    }

    @Override
    protected DataSource create() throws SQLException {
        return JdbcConnections.open(target, options.pool(), options.properties());
    }

    /** Borrows a connection and asks the driver whether it is valid within the timeout. */
    @Override
    protected void check(DataSource client, Duration timeout) throws SQLException {
        try (Connection c = client.getConnection()) {
            int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
            if (!c.isValid(seconds)) {
                throw new SQLException("the connection to " + target.displayUrl() + " is not valid");
            }
        }
    }

    /** Where this engine connects (its password masked in every rendering), for SQL datasets. */
    JdbcTarget target() {
        return target;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(super.describe());
        out.put("url", target.displayUrl());
        out.put("client", DataSource.class.getName());
        out.put("pool", target.isDuckDb() ? "duckdb in-process (duplicate connections, no pool)"
                : Map.of("max_size", options.pool().maxSize(), "min_idle", options.pool().minIdle(),
                "connection_timeout", options.pool().connectionTimeout().toString()));
        return out;
    }

    @Override
    public String mask(String text) {
        return target == null ? super.mask(Credentials.maskUrlSecrets(text))
                : target.mask(super.mask(text));
    }

    @Override
    protected String fix() {
        return target.isDuckDb() ? "Check the url's file and that no other process holds it."
                : "Check the url, the credentials and that the server is reachable from this machine.";
    }
}
