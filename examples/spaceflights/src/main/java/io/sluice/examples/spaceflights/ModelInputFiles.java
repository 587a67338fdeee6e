package io.sluice.examples.spaceflights;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code params:model_input_files}: the files the {@code data_processing_sql} node has DuckDB read
 * in place, the same files as the catalog's {@code preprocessed_shuttles},
 * {@code preprocessed_companies} and {@code reviews}. Relative paths are relative to the project
 * directory, as the catalog's are.
 *
 * @param shuttles  the preprocessed shuttles, a Parquet file written by {@code preprocess_shuttles}
 * @param companies the preprocessed companies, a Parquet file written by {@code preprocess_companies}
 * @param reviews   the raw reviews, a CSV file with a header line
 */
public record ModelInputFiles(String shuttles, String companies, String reviews) {
    public ModelInputFiles {
        Objects.requireNonNull(shuttles, "model_input_files.shuttles");
        Objects.requireNonNull(companies, "model_input_files.companies");
        Objects.requireNonNull(reviews, "model_input_files.reviews");
    }

    /** {@code file} resolved against {@code projectDir} unless absolute. */
    static String resolve(Path projectDir, String file) {
        return projectDir.resolve(file).toAbsolutePath().normalize().toString();
    }
}
