/**
 * File datasets: {@code type: yaml} ({@link io.sluice.datasets.files.YamlDataset}),
 * {@code type: bytes} ({@link io.sluice.datasets.files.BytesDataset}) and
 * {@code type: serialized} ({@link io.sluice.datasets.files.SerializedDataset}, Java
 * serialization: not for long-term storage). All are versioned through
 * {@link io.sluice.io.FileLocation} and write atomically. Their {@code describe()} says
 * {@code kind: data}; the {@code model} dataset says {@code kind: model}.
 */
package io.sluice.datasets.files;
