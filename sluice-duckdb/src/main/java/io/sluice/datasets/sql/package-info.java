/**
 * SQL datasets: {@link io.sluice.datasets.sql.TableDataset} ({@code sql.Table}) and
 * {@link io.sluice.datasets.sql.QueryDataset} ({@code sql.Query}), over JDBC connections from
 * {@link io.sluice.datasets.sql.JdbcConnections}: pools and DuckDB databases owned by the session's
 * catalog and closed with it. The default database is an in-process DuckDB
 * file in the project ({@code data/sluice.duckdb}); PostgreSQL and other JDBC databases are
 * reached by {@code url} and {@code credentials}.
 */
package io.sluice.datasets.sql;
