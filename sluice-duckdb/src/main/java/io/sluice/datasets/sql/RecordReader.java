package io.sluice.datasets.sql;

import io.sluice.io.ColumnConversions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Builds records straight from a result set's typed getters, without the boxed values and the two
 * {@code Object[]} per row of the general path ({@link io.sluice.io.RowMapper#map}): a method
 * handle {@code (ResultSet) → record} that calls {@code getLong}, {@code getDouble}, … for each
 * component and then the canonical constructor. At 1M rows it allocates about 150 MB less per load.
 *
 * <p>Only for the rows whose mapping is certain to equal the general one's: a record whose every
 * component has a column of exactly its name (RowMapper's first choice too), of a type read
 * without conversion ({@code long}/BIGINT, {@code int}/INTEGER, {@code double}/DOUBLE,
 * {@code boolean}/BOOLEAN, {@code String}/VARCHAR), none of them listed in {@code load_args.parse}.
 * A row with a NULL in any of those columns is left to the general path (which keeps its null
 * rules and its error messages): {@link #read} throws {@link #NULL_VALUE} and the caller maps
 * that row the general way.
 */
final class RecordReader {
    /** Thrown (preallocated, no stack trace) when a value read is SQL NULL. */
    static final RuntimeException NULL_VALUE = new RuntimeException("SQL NULL", null, false, false) {
    };

    private static final MethodHandle GET_LONG;
    private static final MethodHandle GET_INT;
    private static final MethodHandle GET_DOUBLE;
    private static final MethodHandle GET_BOOLEAN;
    private static final MethodHandle GET_STRING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            GET_LONG = l.findStatic(RecordReader.class, "getLong",
                    MethodType.methodType(long.class, ResultSet.class, int.class));
            GET_INT = l.findStatic(RecordReader.class, "getInt",
                    MethodType.methodType(int.class, ResultSet.class, int.class));
            GET_DOUBLE = l.findStatic(RecordReader.class, "getDouble",
                    MethodType.methodType(double.class, ResultSet.class, int.class));
            GET_BOOLEAN = l.findStatic(RecordReader.class, "getBoolean",
                    MethodType.methodType(boolean.class, ResultSet.class, int.class));
            GET_STRING = l.findStatic(RecordReader.class, "getString",
                    MethodType.methodType(String.class, ResultSet.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code (ResultSet)Object}: one record from the current row. */
    private final MethodHandle reader;

    private RecordReader(MethodHandle reader) {
        this.reader = reader;
    }

    /**
     * The reader for {@code elementType} over these columns, or {@code null} when the general path
     * must map the rows (see the class comment).
     *
     * @param columns  the result's column labels, in order
     * @param sqlTypes the result's {@link Types}, in order
     */
    static RecordReader of(java.lang.reflect.Type elementType, List<String> columns, int[] sqlTypes,
                           ColumnConversions conversions) {
        if (!(elementType instanceof Class<?> cls) || !cls.isRecord()) {
            return null;
        }
        RecordComponent[] components = cls.getRecordComponents();
        int n = components.length;
        if (n == 0) {
            return null;
        }
        Class<?>[] types = new Class<?>[n];
        MethodHandle[] getters = new MethodHandle[n];
        for (int i = 0; i < n; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            int column = columns.indexOf(c.getName());
            if (column < 0 || (conversions != null && conversions.of(columns.get(column)) != null)) {
                return null;
            }
            MethodHandle getter = getter(c.getType(), sqlTypes[column]);
            if (getter == null) {
                return null;
            }
            getters[i] = MethodHandles.insertArguments(getter, 1, column + 1);
        }
        try {
            Constructor<?> ctor = cls.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflectConstructor(ctor);
            mh = MethodHandles.filterArguments(mh, 0, getters);
            mh = MethodHandles.permuteArguments(mh.asType(mh.type().changeReturnType(Object.class)),
                    MethodType.methodType(Object.class, ResultSet.class), new int[n]);
            return new RecordReader(mh);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the general path reports what it cannot do, in its words
        }
    }

    private static MethodHandle getter(Class<?> type, int sqlType) {
        if (type == long.class && sqlType == Types.BIGINT) {
            return GET_LONG;
        }
        if (type == int.class && sqlType == Types.INTEGER) {
            return GET_INT;
        }
        if (type == double.class && sqlType == Types.DOUBLE) {
            return GET_DOUBLE;
        }
        if (type == boolean.class && sqlType == Types.BOOLEAN) {
            return GET_BOOLEAN;
        }
        if (type == String.class && sqlType == Types.VARCHAR) {
            return GET_STRING;
        }
        return null;
    }

    /**
     * The record of the current row.
     *
     * @throws RuntimeException {@link #NULL_VALUE} when a column is NULL: map the row the general way
     */
    Object read(ResultSet rs) throws SQLException {
        try {
            return reader.invokeExact(rs);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // wasNull after every getter, as the general path: drivers differ in what a getter returns for
    // SQL NULL (DuckDB's getDouble gives NaN, not 0).

    private static long getLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
            throw NULL_VALUE;
        }
        return v;
    }

    private static int getInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        if (rs.wasNull()) {
            throw NULL_VALUE;
        }
        return v;
    }

    private static double getDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        if (rs.wasNull()) {
            throw NULL_VALUE;
        }
        return v;
    }

    private static boolean getBoolean(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
            throw NULL_VALUE;
        }
        return v;
    }

    private static String getString(ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        if (v == null || rs.wasNull()) {
            throw NULL_VALUE;
        }
        return v;
    }
}
