package io.sluice.io;

import com.fasterxml.jackson.core.io.NumberInput;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Compiles, once per column, the function turning a raw value (text, or a JDBC value) into the
 * declared type of the field it feeds. The table is documented on {@link RowMapper}.
 */
final class Converters {
    private Converters() {
    }

    /** Raw value to target value; throws any {@link RuntimeException} when the value does not convert. */
    @FunctionalInterface
    interface Converter {
        Object convert(Object raw);
    }

    /** A primitive target got a null or empty value. Preallocated: thrown per bad cell, caught by the mapper. */
    static final class NoValue extends RuntimeException {
        private NoValue() {
            super(null, null, false, false);
        }
    }

    static final NoValue NO_VALUE = new NoValue();

    /** The target type cannot be fed from a column; the message says why. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Whether {@code type} is a type a single column converts to (given no conversion). */
    static boolean isScalar(Type type) {
        try {
            forTarget(type, null);
            return true;
        } catch (Unsupported e) {
            return false;
        }
    }

    /** A column's converter to {@code target}, applying {@code conversion} (or none) to text. */
    static Converter forTarget(Type target, Conversion conversion) {
        Type t = resolve(target);
        Class<?> raw = Jackson.raw(t);
        if (raw == Optional.class) {
            Type inner = t instanceof ParameterizedType p ? resolve(p.getActualTypeArguments()[0]) : Object.class;
            Converter c = forTarget(inner, conversion);
            return v -> Optional.ofNullable(c.convert(v));
        }
        boolean primitive = raw.isPrimitive();
        Class<?> boxed = Jackson.box(raw);
        boolean textual = boxed == String.class || boxed == CharSequence.class
                || boxed == Object.class && conversion == null;
        Function<String, Object> fromText = fromText(boxed, conversion);
        Function<Object, Object> fromValue = fromValue(boxed, conversion);
        if (textual) {
            return v -> v instanceof String s ? fromText.apply(s) : v == null ? null : fromValue.apply(v);
        }
        return v -> {
            if (v instanceof String s) {
                if (s.isEmpty()) {
                    if (primitive) {
                        throw NO_VALUE;
                    }
                    return null;
                }
                return fromText.apply(s);
            }
            if (v == null) {
                if (primitive) {
                    throw NO_VALUE;
                }
                return null;
            }
            return fromValue.apply(v);
        };
    }

    /** Type variables and wildcards stand for their bound; anything unresolvable for Object. */
    static Type resolve(Type type) {
        if (type instanceof WildcardType w) {
            return w.getUpperBounds().length == 1 ? resolve(w.getUpperBounds()[0]) : Object.class;
        }
        if (type instanceof TypeVariable<?> v) {
            return v.getBounds().length == 1 ? resolve(v.getBounds()[0]) : Object.class;
        }
        return type;
    }

    // ------------------------------------------------------------------ text

    private static Function<String, Object> fromText(Class<?> t, Conversion conversion) {
        if (conversion == Conversion.CURRENCY || conversion == Conversion.PERCENT) {
            return numberText(t, conversion);
        }
        if (conversion == Conversion.BOOLEAN) {
            if (t == Boolean.class || t == Object.class) {
                return Converters::lenientBoolean;
            }
            if (t == String.class || t == CharSequence.class) {
                return s -> s.isEmpty() ? s : String.valueOf(lenientBoolean(s));
            }
            throw new Unsupported("the boolean conversion feeds boolean, Boolean or String fields, not "
                    + Jackson.display(t));
        }
        if (t == String.class || t == CharSequence.class || t == Object.class) {
            return s -> s;
        }
        if (t == Integer.class) {
            return s -> {
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    return Integer.parseInt(stripped(s, e));
                }
            };
        }
        if (t == Long.class) {
            return s -> {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    return Long.parseLong(stripped(s, e));
                }
            };
        }
        if (t == Double.class) {
            return Converters::parseDouble;
        }
        if (t == Float.class) {
            return Float::parseFloat;
        }
        if (t == Short.class) {
            return s -> Short.parseShort(s.strip());
        }
        if (t == Byte.class) {
            return s -> Byte.parseByte(s.strip());
        }
        if (t == BigDecimal.class) {
            return s -> new BigDecimal(s.strip());
        }
        if (t == BigInteger.class) {
            return s -> new BigInteger(s.strip());
        }
        if (t == Boolean.class) {
            return Converters::strictBoolean;
        }
        if (t == Character.class) {
            return s -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException("not one character");
                }
                return s.charAt(0);
            };
        }
        if (t == LocalDate.class) {
            return s -> LocalDate.parse(s.strip());
        }
        if (t == LocalDateTime.class) {
            return s -> LocalDateTime.parse(isoDateTime(s.strip()));
        }
        if (t == LocalTime.class) {
            return s -> LocalTime.parse(s.strip());
        }
        if (t == Instant.class) {
            return s -> {
                String iso = isoDateTime(s.strip());
                try {
                    return Instant.parse(iso);
                } catch (RuntimeException e) {
                    return OffsetDateTime.parse(iso).toInstant();
                }
            };
        }
        if (t == OffsetDateTime.class) {
            return s -> OffsetDateTime.parse(isoDateTime(s.strip()));
        }
        if (t == UUID.class) {
            return s -> UUID.fromString(s.strip());
        }
        if (t.isEnum()) {
            return enumText(t);
        }
        throw unsupported(t);
    }

    private static Unsupported unsupported(Class<?> t) {
        return new Unsupported(Jackson.display(t) + " is not a type a single column converts to (numbers, boolean,"
                + " char, String, BigDecimal, BigInteger, LocalDate, LocalDateTime, LocalTime, Instant,"
                + " OffsetDateTime, UUID, enums, Optional of these, Object)");
    }

    /** After a failed fast parse: the value without surrounding blanks, or the original failure. */
    private static String stripped(String s, NumberFormatException e) {
        String t = s.strip();
        if (t.length() == s.length()) {
            throw e;
        }
        return t;
    }

    /** "2024-01-31 10:15" as "2024-01-31T10:15": spreadsheets and databases write a space. */
    private static String isoDateTime(String s) {
        return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    }

    private static Boolean strictBoolean(String s) {
        if (s.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Boolean lenientBoolean(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "t", "true", "yes", "y", "1" -> Boolean.TRUE;
            case "f", "false", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<String, Object> enumText(Class<?> t) {
        Map<String, Object> exact = new HashMap<>();
        Map<String, Object> folded = new HashMap<>();
        for (Object c : t.getEnumConstants()) {
            String name = ((Enum) c).name();
            exact.put(name, c);
            folded.putIfAbsent(name.toLowerCase(Locale.ROOT), c);
        }
        return s -> {
            Object c = exact.get(s);
            if (c == null) {
                c = folded.get(s.strip().toLowerCase(Locale.ROOT));
            }
            if (c == null) {
                throw new IllegalArgumentException("not a constant");
            }
            return c;
        };
    }

    /** Currency and percent: clean the text, then parse it as the target number type. */
    private static Function<String, Object> numberText(Class<?> t, Conversion conversion) {
        boolean percent = conversion == Conversion.PERCENT;
        Function<String, String> clean = percent ? Converters::percentText : Converters::currencyText;
        if (t == Double.class || t == Object.class) {
            return percent ? s -> parseDouble(clean.apply(s)) / 100 : s -> parseDouble(clean.apply(s));
        }
        if (t == String.class || t == CharSequence.class) {
            Function<String, Object> number = numberText(Double.class, conversion);
            return s -> s.isEmpty() ? s : String.valueOf(number.apply(s));
        }
        if (t == Float.class) {
            return percent ? s -> (float) (Double.parseDouble(clean.apply(s)) / 100)
                    : s -> Float.parseFloat(clean.apply(s));
        }
        if (t == BigDecimal.class) {
            return percent ? s -> new BigDecimal(clean.apply(s)).movePointLeft(2) : s -> new BigDecimal(clean.apply(s));
        }
        if (percent) {
            throw new Unsupported("the percent conversion gives a fraction, which feeds double, float, BigDecimal"
                    + " or String fields, not " + Jackson.display(t));
        }
        if (t == Long.class) {
            return s -> new BigDecimal(clean.apply(s)).longValueExact();
        }
        if (t == Integer.class) {
            return s -> new BigDecimal(clean.apply(s)).intValueExact();
        }
        if (t == Short.class) {
            return s -> new BigDecimal(clean.apply(s)).shortValueExact();
        }
        if (t == Byte.class) {
            return s -> new BigDecimal(clean.apply(s)).byteValueExact();
        }
        if (t == BigInteger.class) {
            return s -> new BigDecimal(clean.apply(s)).toBigIntegerExact();
        }
        throw new Unsupported("the currency conversion feeds number or String fields, not " + Jackson.display(t));
    }

    private static String currencyText(String s) {
        String v = s.strip();
        boolean negative = v.length() > 1 && v.charAt(0) == '(' && v.charAt(v.length() - 1) == ')';
        StringBuilder sb = new StringBuilder(v.length() + 1);
        if (negative) {
            sb.append('-');
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9' || c == '.' || c == '-') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String percentText(String s) {
        String v = s.strip();
        if (v.endsWith("%")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        return v;
    }

    // ------------------------------------------------------------------ typed values (JDBC, JSON)

    private static Function<Object, Object> fromValue(Class<?> t, Conversion conversion) {
        Function<Object, Object> convert = typedValue(t, conversion);
        return v -> t.isInstance(v) ? v : convert.apply(v);
    }

    private static Function<Object, Object> typedValue(Class<?> t, Conversion conversion) {
        if (t == Object.class) {
            return v -> v;
        }
        if (t == String.class || t == CharSequence.class) {
            return v -> {
                if (v instanceof BigDecimal d) {
                    return d.toPlainString();
                }
                if (v instanceof byte[]) {
                    throw new ClassCastException();
                }
                return String.valueOf(v);
            };
        }
        if (t == Long.class) {
            return v -> exactLong(number(v));
        }
        if (t == Integer.class) {
            return v -> Math.toIntExact(exactLong(number(v)));
        }
        if (t == Short.class) {
            return v -> {
                long l = exactLong(number(v));
                if (l != (short) l) {
                    throw new ArithmeticException("overflow");
                }
                return (short) l;
            };
        }
        if (t == Byte.class) {
            return v -> {
                long l = exactLong(number(v));
                if (l != (byte) l) {
                    throw new ArithmeticException("overflow");
                }
                return (byte) l;
            };
        }
        if (t == Double.class) {
            return v -> number(v).doubleValue();
        }
        if (t == Float.class) {
            return v -> number(v).floatValue();
        }
        if (t == BigDecimal.class) {
            return v -> {
                Number n = number(v);
                if (n instanceof BigInteger b) {
                    return new BigDecimal(b);
                }
                if (n instanceof Double || n instanceof Float) {
                    return new BigDecimal(n.toString());
                }
                return BigDecimal.valueOf(exactLong(n));
            };
        }
        if (t == BigInteger.class) {
            return v -> {
                Number n = number(v);
                return n instanceof BigDecimal d ? d.toBigIntegerExact() : BigInteger.valueOf(exactLong(n));
            };
        }
        if (t == Boolean.class) {
            if (conversion == Conversion.BOOLEAN) {
                return v -> {
                    long l = exactLong(number(v));
                    if (l == 0 || l == 1) {
                        return l == 1;
                    }
                    throw new IllegalArgumentException("not 0 or 1");
                };
            }
            return Converters::fail;
        }
        if (t == LocalDate.class) {
            return v -> {
                if (v instanceof java.sql.Date d) {
                    return d.toLocalDate();
                }
                return fail(v);
            };
        }
        if (t == LocalDateTime.class) {
            return v -> {
                if (v instanceof java.sql.Timestamp ts) {
                    return ts.toLocalDateTime();
                }
                if (v instanceof java.sql.Date d) {
                    return d.toLocalDate().atStartOfDay();
                }
                if (v instanceof LocalDate d) {
                    return d.atStartOfDay();
                }
                return fail(v);
            };
        }
        if (t == LocalTime.class) {
            return v -> {
                if (v instanceof java.sql.Time time) {
                    return time.toLocalTime();
                }
                return fail(v);
            };
        }
        if (t == Instant.class) {
            return v -> {
                if (v instanceof java.sql.Timestamp ts) {
                    return ts.toInstant();
                }
                if (v instanceof OffsetDateTime o) {
                    return o.toInstant();
                }
                if (v instanceof java.time.LocalDateTime ldt) {
                    // TIMESTAMP columns without a zone (DuckDB, Parquet) hold UTC instants by convention
                    return ldt.toInstant(java.time.ZoneOffset.UTC);
                }
                if (v instanceof java.util.Date d && !(v instanceof java.sql.Date) && !(v instanceof java.sql.Time)) {
                    return d.toInstant();
                }
                return fail(v);
            };
        }
        return Converters::fail;
    }

    /**
     * {@code Double.parseDouble} semantics (same accepted text, same result, NumberFormatException
     * otherwise) through Jackson's bundled FastDoubleParser, about twice as fast on the
     * 17-digit decimals that data files are full of.
     */
    static double parseDouble(String s) {
        return NumberInput.parseDouble(s, true);
    }

    private static Object fail(Object v) {
        throw new ClassCastException();
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new ClassCastException();
    }

    /** The value as a long, refusing fractions and values out of range. */
    private static long exactLong(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (n instanceof BigInteger b) {
            return b.longValueExact();
        }
        double d = n.doubleValue();
        long l = (long) d;
        if (l != d || l == Long.MAX_VALUE || l == Long.MIN_VALUE) {
            throw new ArithmeticException("not a whole number in range");
        }
        return l;
    }
}
