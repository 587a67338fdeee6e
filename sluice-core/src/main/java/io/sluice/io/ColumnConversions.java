package io.sluice.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link Conversion}s a catalog entry asks for, by column name. Immutable.
 *
 * @param byColumn the conversion of each column that has one, in the order written
 */
public record ColumnConversions(Map<String, Conversion> byColumn) {
    private static final ColumnConversions NONE = new ColumnConversions(Map.of());

    /** Copies {@code byColumn} (keeping its order). */
    public ColumnConversions {
        byColumn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byColumn));
    }

    /** No conversions asked for. */
    public static ColumnConversions none() {
        return NONE;
    }

    /**
     * Reads the mapping under {@code key} of a {@code load_args} section, e.g.
     * {@code parse: {price: currency, rating: percent}}. Absent means none.
     *
     * @throws DatasetConfigException naming the place when a value is not a conversion's name
     */
    public static ColumnConversions from(DatasetConfig loadArgsSection, String key) {
        Map<String, Object> raw = loadArgsSection.map(key);
        if (raw.isEmpty()) {
            return NONE;
        }
        Map<String, Conversion> out = new LinkedHashMap<>();
        raw.forEach((column, name) -> {
            Conversion c = name instanceof String s ? Conversion.byConfigName(s) : null;
            if (c == null) {
                throw new DatasetConfigException(loadArgsSection.location(key) + ": "
                        + loadArgsSection.configSubject() + ": " + loadArgsSection.qualifiedKey(key) + "." + column + " is '" + name
                        + "', which is not a conversion. Use one of "
                        + Arrays.stream(Conversion.values()).map(Conversion::configName)
                        .collect(Collectors.joining(", ")) + ".");
            }
            out.put(column, c);
        });
        return new ColumnConversions(out);
    }

    /** The conversion asked for on {@code column}, or {@code null}. */
    public Conversion of(String column) {
        return byColumn.get(column);
    }

    /** Whether no conversion is asked for. */
    public boolean isEmpty() {
        return byColumn.isEmpty();
    }
}
