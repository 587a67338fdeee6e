package io.sluice.datasets.sql;

import io.sluice.io.DatasetException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one row of JDBC values into the element type a node asks for: a {@code Map} (columns in
 * result order) for {@code Object}/{@code Map}, a record by component name, or an object with a
 * no-argument constructor by field name. Column names match exactly, else ignoring case and
 * underscores ({@code unit_price} fills {@code unitPrice}).
 *
 * <p>Interim: sluice-core's {@code io.sluice.io.RowMapper} (branch i3/typed) takes over once it
 * lands; this class keeps the same shape ({@code of(elementType, columns, where)},
 * {@code map(values, rowNumber)}) so the switch is local. Shared by the SQL and Parquet datasets;
 * not API.
 *
 * @param <E> the row type
 */
public final class RowMapping<E> {
    private final String where;
    private final List<String> columns;
    private final Kind kind;
    private final Constructor<?> constructor;
    private final Class<?>[] targetTypes;
    private final int[] sourceIndex;
    private final Field[] fields;
    private final String[] names;

    private enum Kind { MAP, RECORD, POJO }

    private RowMapping(String where, List<String> columns, Kind kind, Constructor<?> constructor,
                       Class<?>[] targetTypes, int[] sourceIndex, Field[] fields, String[] names) {
        this.where = where;
        this.columns = columns;
        this.kind = kind;
        this.constructor = constructor;
        this.targetTypes = targetTypes;
        this.sourceIndex = sourceIndex;
        this.fields = fields;
        this.names = names;
    }

    /**
     * {@code E} of {@code List<E>} (or {@code Collection<E>}, {@code Iterable<E>});
     * {@code Object.class} for {@code Object} or a raw list; {@code null} when a list cannot be
     * passed as {@code target}.
     */
    public static Type elementType(Type target) {
        Class<?> raw = raw(target);
        if (!raw.isAssignableFrom(ArrayList.class)) {
            return null;
        }
        if (target instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Type arg = p.getActualTypeArguments()[0];
            if (arg instanceof WildcardType w) {
                return w.getUpperBounds().length == 1 ? w.getUpperBounds()[0] : Object.class;
            }
            return arg;
        }
        return Object.class;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    /**
     * A mapping of rows with {@code columns} into {@code elementType}.
     *
     * @param where how errors begin ("dataset 'sales' (sql.Table)")
     * @throws DatasetException when a record component or field has no column
     */
    public static <E> RowMapping<E> of(Type elementType, List<String> columns, String where) {
        List<String> cols = List.copyOf(columns);
        Class<?> raw = raw(elementType);
        if (raw == Object.class || Map.class.isAssignableFrom(raw)) {
            if (raw != Object.class && !raw.isAssignableFrom(LinkedHashMap.class)) {
                throw new DatasetException(where + " loads rows as LinkedHashMap, which cannot be passed as "
                        + raw.getName() + ". Declare Map<String, Object> or a record.");
            }
            return new RowMapping<>(where, cols, Kind.MAP, null, null, null, null, cols.toArray(String[]::new));
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            String[] names = new String[components.length];
            int[] index = new int[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                names[i] = components[i].getName();
                index[i] = columnIndex(cols, names[i], raw, where);
            }
            try {
                Constructor<?> ctor = raw.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return new RowMapping<>(where, cols, Kind.RECORD, ctor, types, index, null, names);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + raw, e);
            }
        }
        Constructor<?> ctor;
        try {
            ctor = raw.getDeclaredConstructor();
            ctor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new DatasetException(where + " cannot load rows into " + raw.getName() + ": it is neither a record, "
                    + "a map nor a class with a no-argument constructor. Declare a record.");
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                        && !f.isSynthetic() && !Modifier.isFinal(f.getModifiers())) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        Field[] fs = fields.toArray(Field[]::new);
        Class<?>[] types = new Class<?>[fs.length];
        String[] names = new String[fs.length];
        int[] index = new int[fs.length];
        for (int i = 0; i < fs.length; i++) {
            types[i] = fs[i].getType();
            names[i] = fs[i].getName();
            index[i] = columnIndex(cols, names[i], raw, where);
        }
        return new RowMapping<>(where, cols, Kind.POJO, ctor, types, index, fs, names);
    }

    private static int columnIndex(List<String> columns, String name, Class<?> type, String where) {
        int exact = columns.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        String loose = loose(name);
        for (int i = 0; i < columns.size(); i++) {
            if (loose(columns.get(i)).equals(loose)) {
                return i;
            }
        }
        throw new DatasetException(where + ": " + type.getSimpleName() + "." + name + " has no column to load from. "
                + "Columns: " + String.join(", ", columns) + ". Rename the field or select a column named '" + name
                + "'.");
    }

    private static String loose(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The row {@code values} (by column index) as an {@code E}.
     *
     * @param rowNumber the row's number from 1, for messages
     * @throws DatasetException naming the row, column and value when a value does not convert
     */
    @SuppressWarnings("unchecked")
    public E map(Object[] values, long rowNumber) {
        if (kind == Kind.MAP) {
            Map<String, Object> row = new LinkedHashMap<>(names.length * 4 / 3 + 1);
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], normalize(values[i]));
            }
            return (E) row;
        }
        Object[] args = new Object[targetTypes.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = convert(values[sourceIndex[i]], targetTypes[i], rowNumber, columns.get(sourceIndex[i]));
        }
        try {
            if (kind == Kind.RECORD) {
                return (E) constructor.newInstance(args);
            }
            Object o = constructor.newInstance();
            for (int i = 0; i < fields.length; i++) {
                if (args[i] != null || !targetTypes[i].isPrimitive()) {
                    fields[i].set(o, args[i]);
                }
            }
            return (E) o;
        } catch (InvocationTargetException e) {
            throw new DatasetException(where + ": row " + rowNumber + ": the constructor of "
                    + constructor.getDeclaringClass().getSimpleName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DatasetException(where + ": row " + rowNumber + ": cannot build "
                    + constructor.getDeclaringClass().getName() + ": " + e, e);
        }
    }

    /** JDBC values as the Java types users see: Timestamp → LocalDateTime, java.sql.Date → LocalDate. */
    private static Object normalize(Object v) {
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }

    private Object convert(Object v, Class<?> type, long row, String column) {
        if (v == null) {
            if (type.isPrimitive()) {
                throw error(row, column, null, type, "a null cannot be stored in a primitive; declare it as "
                        + boxed(type).getSimpleName());
            }
            return null;
        }
        v = normalize(v);
        Class<?> target = type.isPrimitive() ? boxed(type) : type;
        if (target.isInstance(v)) {
            return v;
        }
        if (v instanceof Number n) {
            if (target == Long.class && isIntegral(n)) {
                return n.longValue();
            }
            if (target == Integer.class && isIntegral(n) && n.longValue() == n.intValue()) {
                return n.intValue();
            }
            if (target == Short.class && isIntegral(n) && n.longValue() == n.shortValue()) {
                return n.shortValue();
            }
            if (target == Double.class) {
                return n.doubleValue();
            }
            if (target == Float.class) {
                return n.floatValue();
            }
            if (target == BigDecimal.class) {
                return n instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(n.toString());
            }
        }
        if (target == Instant.class) {
            if (v instanceof LocalDateTime t) {
                return t.toInstant(ZoneOffset.UTC);
            }
            if (v instanceof OffsetDateTime t) {
                return t.toInstant();
            }
        }
        if (target == LocalDateTime.class && v instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (target == String.class && (v instanceof java.util.UUID)) {
            return v.toString();
        }
        throw error(row, column, v, type, null);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || (n instanceof BigInteger b && b.bitLength() < 64)
                || (n instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(
                        BigDecimal.valueOf(Long.MAX_VALUE)) <= 0);
    }

    private DatasetException error(long row, String column, Object v, Class<?> type, String why) {
        return new DatasetException(where + ": row " + row + ", column '" + column + "': cannot convert "
                + (v == null ? "null" : RowValues.show(v) + " (" + v.getClass().getSimpleName() + ")") + " to "
                + type.getSimpleName() + (why == null ? "" : ": " + why) + ".");
    }

    private static Class<?> boxed(Class<?> p) {
        if (p == long.class) return Long.class;
        if (p == int.class) return Integer.class;
        if (p == double.class) return Double.class;
        if (p == boolean.class) return Boolean.class;
        if (p == float.class) return Float.class;
        if (p == short.class) return Short.class;
        if (p == byte.class) return Byte.class;
        if (p == char.class) return Character.class;
        return p;
    }
}
