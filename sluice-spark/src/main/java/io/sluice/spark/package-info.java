/**
 * Spark for Sluice: the {@code spark} engine ({@link io.sluice.spark.SparkEngine}, a
 * {@code SparkSession} made on first use and stopped with the session) and datasets whose data
 * type is {@code org.apache.spark.sql.Dataset<Row>}: {@code spark.Parquet} and {@code spark.Csv}
 * ({@link io.sluice.spark.SparkFileDataset}) and {@code spark.JdbcTable}
 * ({@link io.sluice.spark.SparkJdbcDataset}), each also loading into and saving from lists of
 * records ({@link io.sluice.spark.SparkRows}).
 *
 * <p>A node computing on Spark receives the session as an input {@code engine:spark}; what it
 * reads and writes are Spark datasets of the catalog, so the pipeline's graph shows the real data
 * flow while the rows stay in Spark. Everything Spark lives in this module: sluice-core never
 * sees it. A JVM running Spark needs {@link io.sluice.spark.SparkJvmOptions}.
 */
package io.sluice.spark;
