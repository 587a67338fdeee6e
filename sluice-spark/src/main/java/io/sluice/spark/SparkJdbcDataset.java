package io.sluice.spark;

import io.sluice.io.Credentials;
import io.sluice.io.DataLocation;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A database table read and written by Spark's JDBC source ({@code type: spark.JdbcTable}, alias
 * {@code spark.SparkJDBCDataset}); its data type is {@code Dataset<Row>}.
 *
 * <pre>{@code
 * companies:
 *   type: spark.JdbcTable
 *   engine: spark
 *   url: jdbc:postgresql://db:5432/dw
 *   table: analytics.companies
 *   credentials: warehouse_login      # user (or username) and password
 *   load_args:
 *     options: {fetchsize: 10000, partitionColumn: id, lowerBound: 0, upperBound: 100000, numPartitions: 8}
 *     collect_limit: 100000
 *   save_args:
 *     mode: overwrite                 # overwrite (default), append, error_if_exists, ignore
 *     options: {batchsize: 5000, truncate: true}
 * }</pre>
 *
 * <p>Executors connect to the database themselves, one connection per partition: the driver's
 * jar must be on their class path (in the engine's {@code jars}, or installed with Spark) and the
 * database reachable from them. Spark writes each partition in a transaction of its own, so a
 * failed save can leave some partitions written; {@code overwrite} drops and recreates the table
 * (or empties it, with {@code truncate: true}). The password is passed as a connection property,
 * never in the URL, and masked in every message.
 *
 * <p>Spark's writer asks whether the table exists and needs the driver to say "no such table" by
 * its SQLState: PostgreSQL, MySQL, SQL Server, Oracle, DB2 and H2 do; DuckDB's driver does not, so
 * saves to DuckDB fail — use the {@code jdbc} engine's {@code sql.Table} for DuckDB.
 */
public final class SparkJdbcDataset implements io.sluice.io.Dataset<Object> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "spark.JdbcTable";

    private static final Set<String> CREDENTIAL_KEYS = Set.of("user", "username", "password");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    private final DatasetConfig config;
    private final SparkData data;
    private final String url;
    private final String table;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Map<String, String> readOptions;
    private final SaveMode mode;
    private final Map<String, String> writeOptions;
    private final Set<String> secrets;

    /** Reads the entry; connects nowhere. */
    public SparkJdbcDataset(DatasetConfig config) {
        this.config = config;
        this.data = SparkData.from(config);
        this.url = config.string("url");
        if (!url.startsWith("jdbc:")) {
            throw new DatasetConfigException(config.location("url") + ": " + config.subject() + ": url '"
                    + Credentials.maskUrlSecrets(url) + "' is not a JDBC URL. Write jdbc:<database>:..., e.g. "
                    + "jdbc:postgresql://host:5432/db.");
        }
        this.table = config.string("table");
        if (!TABLE.matcher(table).matches()) {
            throw new DatasetConfigException(config.location("table") + ": " + config.subject() + ": table '" + table
                    + "' is not a table name (name, schema.name or catalog.schema.name, letters, digits and _). "
                    + "For a query, use a node that receives engine:spark and runs spark.read().jdbc(...).");
        }
        Credentials credentials = config.credentials();
        credentials.requireKnownKeys(CREDENTIAL_KEYS, "Spark JDBC tables");
        this.user = credentials.optional("user").or(() -> credentials.optional("username"));
        this.password = credentials.optional("password");
        this.readOptions = Map.copyOf(SparkRows.options(config.section("load_args").map("options")));
        DatasetConfig save = config.section("save_args");
        this.mode = SparkFileDataset.mode(save, config.subject());
        this.writeOptions = Map.copyOf(SparkRows.options(save.map("options")));
        Set<String> s = new LinkedHashSet<>(Credentials.urlSecrets(url));
        password.filter(p -> p.length() >= 3).ifPresent(s::add);
        this.secrets = Set.copyOf(s);
    }

    private Map<String, String> connection() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("url", url);
        out.put("dbtable", table);
        user.ifPresent(u -> out.put("user", u));
        password.ifPresent(p -> out.put("password", p));
        return out;
    }

    @Override
    public Object load() {
        return frame();
    }

    @Override
    public Object load(Type target) {
        return data.load(this::frame, target);
    }

    @Override
    public Optional<String> incompatibility(Type target) {
        return SparkData.incompatibility(target);
    }

    private Dataset<Row> frame() {
        try {
            return data.spark().read().format("jdbc").options(readOptions).options(connection()).load();
        } catch (Exception e) { // Scala code throws checked exceptions (SQLException) undeclared
            throw new DatasetException(config.subject() + ": cannot read table " + table + " from " + shownUrl()
                    + ": " + mask(e.getMessage()), masked(e));
        }
    }

    @Override
    public void save(Object value) {
        Dataset<Row> frame = data.toFrame(value);
        try {
            frame.write().format("jdbc").mode(mode.spark()).options(writeOptions).options(connection()).save();
        } catch (Exception e) { // Scala code throws checked exceptions (SQLException) undeclared
            throw new DatasetException(config.subject() + ": Spark failed to save table " + table + " at "
                    + shownUrl() + ": " + mask(e.getMessage()) + ". Partitions written before the failure stay "
                    + "written: Spark commits each partition on its own.", masked(e));
        }
    }

    /** Asks the database from this JVM (no Spark): whether {@code SELECT * FROM table WHERE 1=0} runs. */
    @Override
    public boolean exists() {
        Properties props = new Properties();
        user.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": cannot connect to " + shownUrl() + " to check whether "
                    + "table " + table + " exists: " + mask(e.getMessage()), masked(e));
        }
        try (c; Statement st = c.createStatement()) {
            st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The table: runs of this project that write and read it take turns. */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return Optional.of(DataLocation.other(config.projectDir(), Credentials.maskUrlSecrets(url) + "#" + table,
                "dataset '" + config.name() + "' (" + table + " in " + shownUrl() + ")"));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        out.put("url", shownUrl());
        out.put("engine", data.engine().name());
        return out;
    }

    private String shownUrl() {
        return mask(url);
    }

    private String mask(String text) {
        String out = Credentials.maskUrlSecrets(String.valueOf(text));
        for (String s : secrets) {
            out = out.replace(s, Credentials.MASK);
        }
        return data.engine().mask(out);
    }

    /** {@code e} without the password in any message of its chain. */
    private Throwable masked(Throwable e) {
        if (e == null) {
            return null;
        }
        DatasetException copy = new DatasetException(e.getClass().getName() + ": " + mask(e.getMessage()),
                e.getCause() == e ? null : masked(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
