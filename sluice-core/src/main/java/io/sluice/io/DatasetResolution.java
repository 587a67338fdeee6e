package io.sluice.io;

import io.sluice.config.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the catalog resolves a dataset name, for {@code sluice catalog resolve}, logs and compile
 * checks.
 *
 * @param name     the dataset name asked for
 * @param kind     whether it is an explicit entry, stamped out by a factory pattern, or the
 *                 runtime default
 * @param pattern  the factory pattern that matched, or {@code null}
 * @param type     the canonical type name ({@code csv}, or a class name)
 * @param config   the resolved entry (placeholders substituted), credentials values masked as
 *                 {@value Credentials#MASK}
 * @param location where the entry or pattern is declared, or {@code null} for the runtime default
 *                 and datasets added in code
 */
public record DatasetResolution(String name, Kind kind, String pattern, String type, Map<String, Object> config,
                                Location location) {

    /** Where a dataset comes from. */
    public enum Kind {
        /** An explicit entry of {@code catalog.yml} or one added with {@link DataCatalog#withDataset}. */
        ENTRY,
        /** A dataset factory pattern (a user catch-all such as {@code {default}} included). */
        PATTERN,
        /** Not declared: a new in-memory dataset. */
        DEFAULT
    }

    public DatasetResolution {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
