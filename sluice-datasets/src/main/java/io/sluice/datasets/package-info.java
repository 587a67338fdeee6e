/**
 * Datasets beyond the core formats, each registered by short name through
 * {@link io.sluice.io.DatasetType} and {@code META-INF/services/io.sluice.io.DatasetType}.
 */
package io.sluice.datasets;
