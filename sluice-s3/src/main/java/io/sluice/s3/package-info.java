/**
 * Object storage on S3 (and S3-compatible servers) for Sluice: the {@code s3} engine
 * ({@link io.sluice.s3.S3Engine}, an AWS SDK v2 {@code S3Client}) and the storage it hands to file
 * datasets whose {@code filepath} is {@code s3://bucket/key} and whose {@code storage:} names it.
 * The AWS SDK stays in this module: sluice-core knows only {@link io.sluice.io.ObjectStorage}.
 */
package io.sluice.s3;
