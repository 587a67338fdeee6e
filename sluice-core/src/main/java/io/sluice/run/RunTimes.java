package io.sluice.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How journals write instants: ISO-8601 UTC with exactly three fraction digits
 * ({@code 2026-12-05T23:20:42.335Z}), so that they read well and sort as strings in time order
 * ({@link Instant#toString()} drops zero fractions, and "42Z" would sort after "42.335Z").
 */
public final class RunTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RunTimes() {
    }

    /** {@code at} as journals write it. */
    public static String format(Instant at) {
        return FORMAT.format(at);
    }
}
