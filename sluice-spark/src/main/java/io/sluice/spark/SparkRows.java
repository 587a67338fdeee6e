package io.sluice.spark;

import io.sluice.io.ColumnConversions;
import io.sluice.io.DatasetException;
import io.sluice.io.RowMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows between Spark and the node's types, on the driver: a {@code Dataset<Row>} collected into
 * a {@code List<R>} (records, POJOs or maps, mapped by column name as every Sluice dataset maps
 * rows, see {@link RowMapper}), and a list of records or maps made into a {@code Dataset<Row>}.
 *
 * <p><b>Size.</b> Collecting brings every row into this JVM's heap: it is for small results (an
 * aggregate, a sample, a lookup table), never for the big table itself. A collect stops at a
 * limit ({@code load_args.collect_limit}, default {@value #DEFAULT_COLLECT_LIMIT} rows) and fails
 * beyond it instead of running the driver out of memory; declare the parameter as
 * {@code Dataset<Row>} to keep the rows in Spark. Likewise a node returning records sends them
 * all from the driver: fine for thousands, wrong for millions.
 *
 * <p><b>Column types</b> of saved records: String, enum, UUID and char as string; int, long,
 * short, byte, double, float, boolean as themselves; BigDecimal as {@code decimal(38,18)} (so it
 * loads back at scale 18); LocalDate as date; Instant as timestamp; LocalDateTime as
 * timestamp_ntz; byte[] as binary; {@code Optional<X>} as a nullable X. Anything else is refused
 * with the list: build the {@code Dataset<Row>} in the node instead.
 */
public final class SparkRows {
    /** Rows a collect takes unless the entry says otherwise. */
    public static final long DEFAULT_COLLECT_LIMIT = 1_000_000;

    private SparkRows() {
    }

    /**
     * The rows of {@code frame} as {@code element}s.
     *
     * @param limit the most rows to collect
     * @param where how messages begin (the dataset)
     * @throws DatasetException when there are more than {@code limit} rows, or a row does not map
     */
    public static List<Object> collect(Dataset<Row> frame, Type element, long limit, String where) {
        List<Row> rows = frame.limit((int) Math.min(Integer.MAX_VALUE - 1L, limit + 1)).collectAsList();
        if (rows.size() > limit) {
            throw new DatasetException(where + " has more than " + limit + " rows, and collecting them into a list "
                    + "would hold them all in this JVM's heap. Declare the node's parameter as Dataset<Row> to keep "
                    + "them in Spark (and aggregate there), or raise load_args.collect_limit if the heap can take them.");
        }
        RowMapper<Object> mapper = RowMapper.of(element, List.of(frame.columns()), ColumnConversions.none(), where);
        List<Object> out = new ArrayList<>(rows.size());
        long n = 0;
        for (Row row : rows) {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            out.add(mapper.map(values, ++n));
        }
        return out;
    }

    /**
     * {@code rows} (records, or maps of column to value) as a {@code Dataset<Row>}: columns and
     * their types from the record's components, or from a map's keys and first non-null values.
     *
     * @throws DatasetException for an empty list (no columns to take), mixed row types, or a
     *                          value Spark has no column type for
     */
    public static Dataset<Row> toFrame(SparkSession spark, List<?> rows, String where) {
        if (rows.isEmpty()) {
            throw new DatasetException(where + " cannot save an empty list: its columns come from the rows. Return "
                    + "a Dataset<Row> with a schema instead (spark.createDataFrame(List.of(), schema)).");
        }
        Object first = rows.get(0);
        if (first == null) {
            throw new DatasetException(where + ": row 1 is null.");
        }
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<java.util.function.Function<Object, Object>> getters = new ArrayList<>();
        if (first instanceof Record) {
            Class<?> type = first.getClass();
            for (RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
                types.add(sparkType(c.getGenericType(), where + ": " + type.getSimpleName() + "." + c.getName()));
                java.lang.reflect.Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                getters.add(r -> {
                    try {
                        return accessor.invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } else if (first instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                String column = String.valueOf(key);
                Object sample = null;
                for (Object r : rows) {
                    if (r instanceof Map<?, ?> m && m.get(key) != null) {
                        sample = m.get(key);
                        break;
                    }
                }
                names.add(column);
                types.add(sample == null ? DataTypes.StringType
                        : sparkType(sample.getClass(), where + ": column '" + column + "'"));
                getters.add(r -> ((Map<?, ?>) r).get(key));
            }
        } else {
            throw new DatasetException(where + " saves a Dataset<Row>, or a list of records or maps, not a list of "
                    + first.getClass().getName() + ".");
        }
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(DataTypes.createStructField(names.get(i), types.get(i), true));
        }
        List<Row> out = new ArrayList<>(rows.size());
        int n = 0;
        for (Object r : rows) {
            n++;
            if (r == null || r.getClass() != first.getClass() && !(r instanceof Map && first instanceof Map)) {
                throw new DatasetException(where + ": row " + n + " is " + (r == null ? "null" : "a "
                        + r.getClass().getName()) + ", but row 1 is a " + first.getClass().getName()
                        + ". Save rows of one type.");
            }
            Object[] values = new Object[names.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = toSpark(getters.get(i).apply(r));
            }
            out.add(RowFactory.create(values));
        }
        return spark.createDataFrame(out, DataTypes.createStructType(fields));
    }

    /** The Spark column type of a Java type; {@code Optional<X>} as X. */
    static DataType sparkType(Type type, String what) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return sparkType(p.getActualTypeArguments()[0], what);
        }
        if (!(type instanceof Class<?> c)) {
            throw unsupported(type, what);
        }
        if (c == String.class || c.isEnum() || c == UUID.class || c == Character.class || c == char.class) {
            return DataTypes.StringType;
        }
        if (c == int.class || c == Integer.class) {
            return DataTypes.IntegerType;
        }
        if (c == long.class || c == Long.class) {
            return DataTypes.LongType;
        }
        if (c == double.class || c == Double.class) {
            return DataTypes.DoubleType;
        }
        if (c == float.class || c == Float.class) {
            return DataTypes.FloatType;
        }
        if (c == short.class || c == Short.class) {
            return DataTypes.ShortType;
        }
        if (c == byte.class || c == Byte.class) {
            return DataTypes.ByteType;
        }
        if (c == boolean.class || c == Boolean.class) {
            return DataTypes.BooleanType;
        }
        if (c == BigDecimal.class) {
            return DataTypes.createDecimalType(38, 18);
        }
        if (c == LocalDate.class || c == Date.class) {
            return DataTypes.DateType;
        }
        if (c == Instant.class || c == Timestamp.class) {
            return DataTypes.TimestampType;
        }
        if (c == LocalDateTime.class) {
            return DataTypes.TimestampNTZType;
        }
        if (c == byte[].class) {
            return DataTypes.BinaryType;
        }
        throw unsupported(type, what);
    }

    private static DatasetException unsupported(Type type, String what) {
        return new DatasetException(what + " is a " + type.getTypeName() + ", which has no Spark column type here. "
                + "Use String, a number, boolean, BigDecimal, LocalDate, Instant, LocalDateTime, byte[] or an enum "
                + "(Optional of these for missing values), or build the Dataset<Row> in the node.");
    }

    /** A Java value as Spark's external row type holds it. */
    private static Object toSpark(Object v) {
        if (v instanceof Optional<?> o) {
            v = o.orElse(null);
        }
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof UUID || v instanceof Character) {
            return v.toString();
        }
        return v;
    }

    /** {@code values} with their keys as text, for Spark's reader and writer options. */
    static Map<String, String> options(Map<String, Object> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }
}
