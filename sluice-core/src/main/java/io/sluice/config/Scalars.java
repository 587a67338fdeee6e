package io.sluice.config;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a string, an integer in a range, a boolean, a number, a duration, a size and an enum
 * constant are in a config file: one definition for every section. Each conversion takes a
 * scalar's typed value (never {@code null}) and returns the Java value or throws
 * {@link Mismatch} saying what the value should have been; the caller adds the key and place.
 *
 * <p>Numeric and boolean targets type a string value as a plain YAML scalar first, because
 * {@code ${env:PORT}} and quoted values arrive as strings: {@code port: ${env:PORT}} with
 * {@code PORT=9000} is the integer 9000, as {@code port: 9000} is.
 */
final class Scalars {
    static final String STRING = "a string";
    static final String CHARACTER = "a single character";
    static final String BOOLEAN = "a boolean (true or false)";
    static final String NUMBER = "a number";
    static final String DURATION = "a duration such as 500ms, 5s, 2m or PT5S";
    static final String SIZE = "a size such as 1048576, 512KiB or 1MiB";

    private static final String NOT_NEGATIVE = "a duration of at least 0s";
    private static final Pattern DURATION_TEXT = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE_TEXT = Pattern.compile("(-?\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Scalars() {
    }

    /**
     * A value that is not what its target accepts. Cheap (no stack trace): the converter that
     * catches it turns it into a {@link ConfigValueException} naming the key and place.
     */
    static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String expected;

        Mismatch(String expected) {
            super(expected, null, false, false);
            this.expected = expected;
        }
    }

    /**
     * The integers a target accepts: {@code min..max} within its type's {@code typeMin..typeMax}.
     * Described as users read it: "an integer", "an integer from 0 to 65535", "a size of at least
     * 1024 bytes".
     */
    record Bounds(long min, long max, long typeMin, long typeMax) {
        boolean contains(BigInteger n) {
            return n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0;
        }

        /** {@code noun} with the bounds that were asked for (none when only the type bounds it). */
        String describe(String noun, String unit) {
            boolean low = min > typeMin;
            boolean high = max < typeMax;
            if (low && high) {
                return noun + " from " + min + " to " + max + unit;
            }
            if (low) {
                return noun + " of at least " + min + unit;
            }
            return high ? noun + " of at most " + max + unit : noun;
        }

        /** What a value outside the bounds should have been: always with numbers. */
        String outside(String noun, String unit) {
            String described = describe(noun, unit);
            return described.equals(noun) ? noun + " from " + min + " to " + max + unit : described;
        }
    }

    static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new Mismatch(STRING);
    }

    static char character(Object value) {
        if (value instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        throw new Mismatch(CHARACTER);
    }

    /** {@code true} or {@code false} only: {@code yes}, {@code on} and {@code 1} are not booleans. */
    static boolean bool(Object value) {
        if (typed(value) instanceof Boolean b) {
            return b;
        }
        throw new Mismatch(BOOLEAN);
    }

    static double number(Object value) {
        if (typed(value) instanceof Number n) {
            return n.doubleValue();
        }
        throw new Mismatch(NUMBER);
    }

    /** An integer within {@code bounds}; {@code 1.0} and {@code "ten"} are not integers. */
    static long integer(Object value, Bounds bounds) {
        BigInteger n = bigInteger(typed(value));
        if (n == null) {
            throw new Mismatch(bounds.describe("an integer", ""));
        }
        if (!bounds.contains(n)) {
            throw new Mismatch(bounds.outside("an integer", ""));
        }
        return n.longValue();
    }

    /**
     * A number of bytes: an integer, or an integer with a unit: {@code B}, {@code KB} (1000),
     * {@code KiB} (1024), {@code MB}, {@code MiB}, {@code GB}, {@code GiB}. Never negative.
     */
    static long size(Object value, Bounds bounds) {
        Object typed = typed(value);
        BigInteger bytes = bigInteger(typed);
        if (bytes == null && typed instanceof String s) {
            Matcher m = SIZE_TEXT.matcher(s.trim());
            if (m.matches()) {
                bytes = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit(m.group(2))));
            }
        }
        if (bytes == null) {
            throw new Mismatch(SIZE);
        }
        if (!bounds.contains(bytes)) {
            throw new Mismatch(bounds.outside("a size", " bytes"));
        }
        return bytes.longValue();
    }

    private static long unit(String unit) {
        if (unit == null) {
            return 1L;
        }
        return switch (unit) {
            case "KB" -> 1000L;
            case "KiB" -> 1L << 10;
            case "MB" -> 1000_000L;
            case "MiB" -> 1L << 20;
            case "GB" -> 1000_000_000L;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
    }

    /**
     * A length of time, never negative: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, an
     * ISO-8601 duration ({@code PT5S}), or a bare integer of seconds.
     */
    static Duration duration(Object value) {
        Object typed = typed(value);
        BigInteger seconds = bigInteger(typed);
        Duration d;
        if (seconds != null) {
            d = exactDuration(seconds.multiply(THOUSAND));
        } else if (typed instanceof String s) {
            d = durationText(s.trim());
        } else {
            throw new Mismatch(DURATION);
        }
        if (d.isNegative()) {
            throw new Mismatch(NOT_NEGATIVE);
        }
        return d;
    }

    private static Duration durationText(String text) {
        Matcher m = DURATION_TEXT.matcher(text);
        if (m.matches()) {
            long millisPerUnit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                default -> 3_600_000L;
            };
            return exactDuration(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(millisPerUnit)));
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new Mismatch(DURATION);
        }
    }

    /** {@code millis} as a Duration, or a mismatch when it is negative or its seconds do not fit a long. */
    private static Duration exactDuration(BigInteger millis) {
        if (millis.signum() < 0) {
            throw new Mismatch(NOT_NEGATIVE);
        }
        BigInteger[] secondsAndMillis = millis.divideAndRemainder(THOUSAND);
        if (secondsAndMillis[0].compareTo(LONG_MAX) > 0) {
            throw new Mismatch("a duration of at most " + Long.MAX_VALUE + "s");
        }
        return Duration.ofSeconds(secondsAndMillis[0].longValue(), secondsAndMillis[1].longValue() * 1_000_000L);
    }

    /** The constant whose {@link Names#configName} is {@code value}. */
    static <E extends Enum<E>> E constant(Object value, Class<E> type) {
        if (value instanceof String s) {
            String name = s.trim();
            for (E e : type.getEnumConstants()) {
                if (Names.configName(e).equals(name)) {
                    return e;
                }
            }
        }
        throw new Mismatch(alternatives(type));
    }

    /** "auto, worker or io_thread": the config names of an enum's constants. */
    static String alternatives(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            names.add(Names.configName(e));
        }
        return Names.alternatives(names);
    }

    /** A string typed as a plain YAML scalar would be; other values as they are. */
    private static Object typed(Object value) {
        return value instanceof String s ? CoreSchema.type(s.trim()) : value;
    }

    private static BigInteger bigInteger(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        return value instanceof BigInteger b ? b : null;
    }
}
