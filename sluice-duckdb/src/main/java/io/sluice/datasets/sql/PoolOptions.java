package io.sluice.datasets.sql;

import io.sluice.config.ConfigBinder;
import java.time.Duration;

/**
 * The HikariCP pool of a JDBC server (PostgreSQL…): {@code pool:} of a {@code jdbc} engine.
 * DuckDB has no pool (see {@link DuckDbDataSource}), so these options do not apply to it.
 *
 * @param maxSize           the most connections open at once
 * @param minIdle           connections kept open while idle (0: none, the pool empties when unused)
 * @param connectionTimeout how long a borrower waits for a connection before failing
 * @param idleTimeout       how long an unused connection above {@code min_idle} stays open
 * @param maxLifetime       how long any connection lives before it is replaced
 */
public record PoolOptions(@ConfigBinder.Range(min = 1, max = 10_000) int maxSize,
                          @ConfigBinder.Range(min = 0, max = 10_000) int minIdle,
                          Duration connectionTimeout, Duration idleTimeout, Duration maxLifetime) {
    /** What SQL datasets with a connection of their own have always used. */
    public static final PoolOptions DEFAULTS = new PoolOptions(4, 0, Duration.ofSeconds(10), Duration.ofMinutes(10),
            Duration.ofMinutes(30));

    public PoolOptions {
        if (minIdle > maxSize) {
            throw new IllegalArgumentException("min_idle (" + minIdle + ") must not exceed max_size (" + maxSize + ")");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connection_timeout must be at least 250ms (HikariCP's minimum)");
        }
    }
}
