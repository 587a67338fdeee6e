/**
 * The Parquet dataset, {@link io.sluice.datasets.parquet.ParquetDataset} ({@code parquet}), read
 * and written through an in-process DuckDB rather than Hadoop.
 */
package io.sluice.datasets.parquet;
