package io.sluice.io;

import java.util.List;

/**
 * A kind of dataset that catalog entries name by a short {@code type:} ({@code csv},
 * {@code parquet}, {@code sql}). Modules contribute types through {@link java.util.ServiceLoader}:
 * list the implementation in {@code META-INF/services/io.sluice.io.DatasetType}.
 *
 * <p>A user dataset does not need a {@code DatasetType}: {@code type:} may also be the fully
 * qualified name of a public class implementing {@link Dataset} with a public constructor taking
 * a {@link DatasetConfig}.
 */
public interface DatasetType {

    /** The short name written in {@code catalog.yml}; unique across the class path. */
    String name();

    /** Other accepted spellings (e.g. Kedro's {@code CSVDataset}). */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Builds a dataset from its entry. Read every key in here (see {@link DatasetConfig}); do not
     * touch files or connections, which belong to {@code load}/{@code save}.
     */
    Dataset<?> create(DatasetConfig config);
}
