/**
 * {@code type: partitioned}: a folder of files of one format, loaded as lazily read partitions
 * and saved one file per partition (see {@link io.sluice.datasets.partitioned.PartitionedDataset}).
 */
package io.sluice.datasets.partitioned;
