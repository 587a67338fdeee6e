package io.sluice.datasets.sql;

import io.sluice.io.Credentials;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a SQL dataset connects: a JDBC URL and, for servers, a user and password. The password
 * is never printed: {@link #toString()} and {@link #displayUrl()} mask it, also when it was
 * written into the URL ({@code ?password=...}, {@code ;password=...},
 * {@code postgresql://user:password@host}; see {@link Credentials#maskUrlSecrets}).
 *
 * <p>The credentials may hold {@code user} (or {@code username}) and {@code password}; any
 * other key is refused when the catalog is built, so a misspelt key never leaves a password
 * unset without a word.
 *
 * <p>The default URL is an in-process DuckDB database in the project,
 * {@value #DEFAULT_DUCKDB_FILE}. A relative file in a DuckDB URL ({@code jdbc:duckdb:data/x.duckdb})
 * is resolved against the project directory, so the same catalog works from any working directory.
 */
public final class JdbcTarget {
    /** The database file used when an entry has no {@code url}, relative to the project. */
    public static final String DEFAULT_DUCKDB_FILE = "data/sluice.duckdb";
    static final String DUCKDB_PREFIX = "jdbc:duckdb:";
    /** The keys SQL datasets read from their credentials. */
    static final Set<String> CREDENTIAL_KEYS = Set.of("user", "username", "password");

    private final String url;
    private final String user;
    private final String password;
    private final String credentialsSource;
    /** Every password this target knows (its own and those written in the URL), to mask in messages. */
    private final Set<String> secrets;

    private JdbcTarget(String url, String user, String password, String credentialsSource) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.credentialsSource = credentialsSource;
        Set<String> all = new LinkedHashSet<>(Credentials.urlSecrets(url));
        if (password != null && !password.isEmpty()) {
            all.add(password);
        }
        this.secrets = Set.copyOf(all);
    }

    /** A target from explicit values ({@code user}/{@code password} may be null). */
    public static JdbcTarget of(String url, String user, String password) {
        return new JdbcTarget(Objects.requireNonNull(url, "url"), user, password, null);
    }

    /** A target whose user and password come from {@code credentialsSource} (for messages). */
    static JdbcTarget of(String url, String user, String password, String credentialsSource) {
        return new JdbcTarget(Objects.requireNonNull(url, "url"), user, password, credentialsSource);
    }

    /**
     * Reads {@code url} (optional) and {@code credentials} ({@code user} or {@code username},
     * {@code password}) from a catalog entry.
     */
    public static JdbcTarget from(DatasetConfig config) {
        String url = config.optionalString("url")
                .orElse(DUCKDB_PREFIX + config.resolve(DEFAULT_DUCKDB_FILE));
        Credentials credentials = config.credentials();
        credentials.requireKnownKeys(CREDENTIAL_KEYS, "SQL datasets");
        if (credentials.keys().containsAll(Set.of("user", "username"))) {
            throw new DatasetConfigException(config.subject() + ": " + credentials.source() + " give both 'user' and "
                    + "'username'; keep one of them.");
        }
        String user = credentials.optional("user").or(() -> credentials.optional("username")).orElse(null);
        String password = credentials.optional("password").orElse(null);
        return new JdbcTarget(resolveDuckDbFile(url, config.projectDir()), user, password,
                credentials.isEmpty() ? null : credentials.source());
    }

    static String resolveDuckDbFile(String url, Path projectDir) {
        if (!url.startsWith(DUCKDB_PREFIX)) {
            return url;
        }
        String rest = url.substring(DUCKDB_PREFIX.length());
        int cut = indexOfAny(rest, "?;");
        String file = cut < 0 ? rest : rest.substring(0, cut);
        if (file.isEmpty() || file.startsWith(":memory:") || Path.of(file).isAbsolute()) {
            return url;
        }
        return DUCKDB_PREFIX + projectDir.resolve(file).normalize() + (cut < 0 ? "" : rest.substring(cut));
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The JDBC URL, as given (may hold secrets: do not print; use {@link #displayUrl()}). */
    public String url() {
        return url;
    }

    /** The user, or {@code null}. */
    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Where the user and password come from, for messages; {@code null} when there are no credentials. */
    String credentialsSource() {
        return credentialsSource;
    }

    /** Whether this is an in-process DuckDB database. */
    public boolean isDuckDb() {
        return url.startsWith(DUCKDB_PREFIX);
    }

    /** The dialect used for column types. */
    public ColumnKind.Dialect dialect() {
        if (isDuckDb()) {
            return ColumnKind.Dialect.DUCKDB;
        }
        return url.startsWith("jdbc:postgresql:") ? ColumnKind.Dialect.POSTGRES : ColumnKind.Dialect.OTHER;
    }

    /**
     * {@code text} (a driver's message, say) with URL passwords and every password of this target
     * masked, wherever they appear.
     */
    String mask(String text) {
        String masked = Credentials.maskUrlSecrets(text);
        if (masked != null) {
            for (String secret : secrets) {
                masked = masked.replace(secret, Credentials.MASK);
            }
        }
        return masked;
    }

    /** The URL with any password in it masked. */
    public String displayUrl() {
        return Credentials.maskUrlSecrets(url);
    }

    @Override
    public String toString() {
        return displayUrl() + (user == null ? "" : " as " + user);
    }
}
