package io.sluice.io;

import java.util.Locale;

/**
 * A text conversion a catalog entry asks for on one column, on top of the conversions every
 * column gets (see {@link RowMapper}). Written in {@code catalog.yml} under
 * {@code load_args.parse}, column by column:
 *
 * <pre>{@code
 * shuttles:
 *   type: csv
 *   filepath: data/01_raw/shuttles.csv
 *   load_args:
 *     parse: {price: currency, review_scores_rating: percent, iata_approved: boolean}
 * }</pre>
 *
 * <p>They apply to text values only (CSV cells, JSON strings read as rows); values a database
 * already returns typed are converted by type alone, except {@link #BOOLEAN} which also accepts
 * the numbers 0 and 1.
 */
public enum Conversion {
    /**
     * A money amount: every character but digits, {@code .} and {@code -} is dropped (currency
     * symbols and codes, thousands separators {@code ,}, spaces), so {@code "$1,325.0"} is
     * 1325.0 and {@code "(12.50)"} (accounting style) is -12.5. The decimal mark must be
     * {@code .}. Feeds any number type; {@code Double} for untyped rows.
     */
    CURRENCY,
    /**
     * A percentage as a fraction: {@code "45%"} is 0.45; the number is divided by 100 with or
     * without the {@code %} sign. Feeds {@code double}, {@code float}, {@code BigDecimal};
     * {@code Double} for untyped rows.
     */
    PERCENT,
    /**
     * A lenient boolean: {@code t/f}, {@code true/false}, {@code yes/no}, {@code y/n},
     * {@code 1/0}, in any case. Without it only {@code true} and {@code false} (any case) are
     * booleans. Feeds {@code boolean}; {@code Boolean} for untyped rows.
     */
    BOOLEAN;

    /** The name used in {@code catalog.yml}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The conversion named {@code name} in {@code catalog.yml}, or {@code null}. */
    public static Conversion byConfigName(String name) {
        for (Conversion c : values()) {
            if (c.configName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
