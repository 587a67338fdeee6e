package io.sluice.datasets.sql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The SQL column types the SQL and Parquet datasets create from Java field types on save.
 * Shared by both; not API.
 *
 * <p>{@code long}/{@code Long} → BIGINT, {@code int}/{@code Integer} (and short, byte) → INTEGER,
 * {@code double}/{@code float} → DOUBLE PRECISION, {@code String} → VARCHAR (TEXT on PostgreSQL),
 * {@code boolean} → BOOLEAN, {@code LocalDate} → DATE, {@code LocalDateTime} and {@code Instant}
 * (as UTC) → TIMESTAMP, {@code BigDecimal} → NUMERIC (DECIMAL(38,10) on DuckDB, whose bare NUMERIC
 * would keep only 3 decimals).
 */
public enum ColumnKind {
    LONG, INT, DOUBLE, STRING, BOOLEAN, DATE, TIMESTAMP, DECIMAL;

    private static final Map<Class<?>, ColumnKind> BY_CLASS = Map.ofEntries(
            Map.entry(long.class, LONG), Map.entry(Long.class, LONG),
            Map.entry(int.class, INT), Map.entry(Integer.class, INT),
            Map.entry(short.class, INT), Map.entry(Short.class, INT),
            Map.entry(byte.class, INT), Map.entry(Byte.class, INT),
            Map.entry(double.class, DOUBLE), Map.entry(Double.class, DOUBLE),
            Map.entry(float.class, DOUBLE), Map.entry(Float.class, DOUBLE),
            Map.entry(String.class, STRING), Map.entry(char.class, STRING), Map.entry(Character.class, STRING),
            Map.entry(boolean.class, BOOLEAN), Map.entry(Boolean.class, BOOLEAN),
            Map.entry(LocalDate.class, DATE),
            Map.entry(LocalDateTime.class, TIMESTAMP), Map.entry(Instant.class, TIMESTAMP),
            Map.entry(OffsetDateTime.class, TIMESTAMP),
            Map.entry(BigDecimal.class, DECIMAL));

    /** The kind of a Java type, or {@code null} when it has no column type. */
    public static ColumnKind of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** The Java types that can be saved, for error messages. */
    public static String supported() {
        return "long, int, short, byte, double, float, String, char, boolean, LocalDate, LocalDateTime, Instant, "
                + "OffsetDateTime, BigDecimal (and their boxes)";
    }

    /** The column type to create on {@code dialect}. */
    public String sqlType(Dialect dialect) {
        return switch (this) {
            case LONG -> "BIGINT";
            case INT -> "INTEGER";
            case DOUBLE -> "DOUBLE PRECISION";
            case STRING -> dialect == Dialect.POSTGRES ? "TEXT" : "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case DECIMAL -> dialect == Dialect.DUCKDB ? "DECIMAL(38,10)" : "NUMERIC";
        };
    }

    /** Whether {@code value} (not null) can be written to a column of this kind. */
    public boolean accepts(Object value) {
        return switch (this) {
            case LONG, INT -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte;
            case DOUBLE -> value instanceof Double || value instanceof Float || value instanceof Long
                    || value instanceof Integer || value instanceof Short || value instanceof Byte;
            case STRING -> value instanceof String || value instanceof Character;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> value instanceof LocalDate;
            case TIMESTAMP -> value instanceof LocalDateTime || value instanceof Instant
                    || value instanceof OffsetDateTime;
            case DECIMAL -> value instanceof BigDecimal || value instanceof Long || value instanceof Integer;
        };
    }

    /** How messages name the kind: {@code long}, {@code double}, {@code string}, … */
    public String display() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The SQL dialects whose column types differ. */
    public enum Dialect {
        DUCKDB, POSTGRES, OTHER
    }
}
