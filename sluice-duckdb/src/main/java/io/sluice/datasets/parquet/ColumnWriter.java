package io.sluice.datasets.parquet;

import io.sluice.datasets.sql.ColumnKind;
import io.sluice.datasets.sql.RowValues;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import org.duckdb.DuckDBAppender;

/**
 * Appends one column of a record or POJO row to DuckDB's appender, reading the value through a
 * method handle as its declared type: {@code long}, {@code int}, {@code double} and
 * {@code boolean} components go to the appender unboxed, where the general path
 * ({@link RowValues#values}) boxes every value and reads it reflectively. At 1M rows × 5 columns
 * that is about 170 MB less garbage per save. Values are the same: a declared type always fits the
 * column kind it gave (the check {@code values} makes matters only for maps).
 */
interface ColumnWriter {
    void append(DuckDBAppender appender, Object row) throws Throwable;

    /** One writer per column, or {@code null} when the rows are maps (or a handle could not be made). */
    static ColumnWriter[] of(RowValues values) {
        int n = values.columns().size();
        ColumnWriter[] writers = new ColumnWriter[n];
        for (int i = 0; i < n; i++) {
            MethodHandle h = values.handle(i);
            if (h == null) {
                return null;
            }
            writers[i] = of(h, values.kinds().get(i));
        }
        return writers;
    }

    private static ColumnWriter of(MethodHandle h, ColumnKind kind) {
        Class<?> type = h.type().returnType();
        if (type == long.class) {
            return (a, row) -> a.append((long) h.invokeExact(row));
        }
        if (type == int.class || type == short.class || type == byte.class) {
            MethodHandle asInt = h.asType(MethodType.methodType(int.class, Object.class));
            return (a, row) -> a.append((int) asInt.invokeExact(row));
        }
        if (type == double.class || type == float.class) {
            MethodHandle asDouble = h.asType(MethodType.methodType(double.class, Object.class));
            return (a, row) -> a.append((double) asDouble.invokeExact(row));
        }
        if (type == boolean.class) {
            return (a, row) -> a.append((boolean) h.invokeExact(row));
        }
        if (type == String.class) {
            return (a, row) -> {
                String v = (String) h.invokeExact(row);
                if (v == null) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
            };
        }
        MethodHandle asObject = h.asType(MethodType.methodType(Object.class, Object.class));
        return (a, row) -> ParquetDataset.appendValue(a, kind, (Object) asObject.invokeExact(row));
    }
}
