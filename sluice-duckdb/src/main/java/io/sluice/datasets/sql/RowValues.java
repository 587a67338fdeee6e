package io.sluice.datasets.sql;

import io.sluice.io.DatasetException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns, column kinds and per-row values of a list of rows being saved: records (one column
 * per component, in declaration order), POJOs (one per instance field, read through its getter
 * when there is one) or maps (the keys of the first row, in its order). Shared by the SQL and
 * Parquet datasets; not API.
 *
 * <p>Kinds come from the declared types of records and POJOs — a primitive component makes a
 * NOT NULL column — and, for maps, from the first non-null value of each column (VARCHAR when a
 * column holds only nulls).
 */
public final class RowValues {
    private final String subject;
    private final Class<?> rowClass;
    private final List<String> columns;
    private final List<ColumnKind> kinds;
    private final List<Boolean> nullable;
    private final Accessor[] accessors;
    /**
     * Records and POJOs: per column, {@code (Object)T} reading the declared type {@code T} of the
     * component or field without boxing; {@code null} for maps, or when a handle could not be made.
     */
    private final MethodHandle[] handles;

    private interface Accessor {
        Object get(Object row) throws ReflectiveOperationException;
    }

    private RowValues(String subject, Class<?> rowClass, List<String> columns, List<ColumnKind> kinds,
                      List<Boolean> nullable, Accessor[] accessors, MethodHandle[] handles) {
        this.subject = subject;
        this.rowClass = rowClass;
        this.columns = List.copyOf(columns);
        this.kinds = List.copyOf(kinds);
        this.nullable = List.copyOf(nullable);
        this.accessors = accessors;
        this.handles = handles;
    }

    /**
     * Inspects {@code rows}.
     *
     * @param subject how errors begin ("dataset 'sales' (sql.Table)")
     * @throws DatasetException when the list is empty, holds nulls or mixed row classes, or a
     *                          field has a type that has no column type
     */
    public static RowValues of(List<?> rows, String subject) {
        if (rows == null || rows.isEmpty()) {
            throw new DatasetException(subject + " cannot save an empty list: the columns are taken from the "
                    + "rows. Save at least one row.");
        }
        Object first = rows.get(0);
        if (first == null) {
            throw new DatasetException(subject + ": row 1 is null. Every row must be a record, an object or a map.");
        }
        Class<?> cls = first.getClass();
        if (first instanceof Map<?, ?> map) {
            return ofMaps(rows, map, subject);
        }
        if (cls.isRecord()) {
            return ofRecord(cls, subject);
        }
        return ofPojo(cls, subject);
    }

    private static RowValues ofRecord(Class<?> cls, String subject) {
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        RecordComponent[] components = cls.getRecordComponents();
        Accessor[] accessors = new Accessor[components.length];
        MethodHandle[] handles = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            columns.add(column(c.getName(), cls, subject));
            kinds.add(kind(c.getType(), c.getName(), cls, subject));
            nullable.add(!c.getType().isPrimitive());
            Method m = c.getAccessor();
            m.setAccessible(true);
            accessors[i] = m::invoke;
            handles[i] = handle(() -> MethodHandles.lookup().unreflect(m), c.getType());
        }
        return new RowValues(subject, cls, columns, kinds, nullable, accessors, complete(handles));
    }

    private static RowValues ofPojo(Class<?> cls, String subject) {
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        List<Accessor> accessors = new ArrayList<>();
        List<MethodHandle> handles = new ArrayList<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Field> own = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                    own.add(f);
                }
            }
            int at = 0;
            for (Field f : own) {
                columns.add(at, column(f.getName(), cls, subject));
                kinds.add(at, kind(f.getType(), f.getName(), cls, subject));
                nullable.add(at, !f.getType().isPrimitive());
                accessors.add(at, getter(cls, f));
                handles.add(at, handle(() -> getterHandle(cls, f), f.getType()));
                at++;
            }
        }
        if (columns.isEmpty()) {
            throw new DatasetException(subject + ": rows of " + cls.getName() + " have no fields to save. Save records, "
                    + "objects with fields, or maps.");
        }
        return new RowValues(subject, cls, columns, kinds, nullable, accessors.toArray(Accessor[]::new),
                complete(handles.toArray(MethodHandle[]::new)));
    }

    private static Accessor getter(Class<?> cls, Field f) {
        String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        for (String name : List.of("get" + cap, "is" + cap)) {
            try {
                Method m = cls.getMethod(name);
                if (m.getReturnType() == f.getType()) {
                    return m::invoke;
                }
            } catch (NoSuchMethodException ignored) {
                // Try the next spelling, then the field itself.
            }
        }
        f.setAccessible(true);
        return f::get;
    }

    /** The same getter as {@link #getter} (the getter method, else the field), as a handle. */
    private static MethodHandle getterHandle(Class<?> cls, Field f) throws IllegalAccessException {
        String cap = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        for (String name : List.of("get" + cap, "is" + cap)) {
            try {
                Method m = cls.getMethod(name);
                if (m.getReturnType() == f.getType()) {
                    return MethodHandles.lookup().unreflect(m);
                }
            } catch (NoSuchMethodException ignored) {
                // Try the next spelling, then the field itself.
            }
        }
        f.setAccessible(true);
        return MethodHandles.lookup().unreflectGetter(f);
    }

    private interface HandleSource {
        MethodHandle get() throws ReflectiveOperationException;
    }

    /** {@code (Object)type}, or {@code null} when the handle cannot be made (then the reflective path is used). */
    private static MethodHandle handle(HandleSource source, Class<?> type) {
        try {
            MethodHandle h = source.get();
            return h.asType(MethodType.methodType(type, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The handles if every column has one, else {@code null}. */
    private static MethodHandle[] complete(MethodHandle[] handles) {
        for (MethodHandle h : handles) {
            if (h == null) {
                return null;
            }
        }
        return handles;
    }

    private static RowValues ofMaps(List<?> rows, Map<?, ?> first, String subject) {
        List<String> columns = new ArrayList<>();
        for (Object key : first.keySet()) {
            columns.add(column(String.valueOf(key), Map.class, subject));
        }
        List<ColumnKind> kinds = new ArrayList<>();
        List<Boolean> nullable = new ArrayList<>();
        Accessor[] accessors = new Accessor[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String col = columns.get(i);
            ColumnKind kind = ColumnKind.STRING;
            for (Object row : rows) {
                Object v = row instanceof Map<?, ?> m ? m.get(col) : null;
                if (v != null) {
                    kind = kind(v.getClass(), col, Map.class, subject);
                    break;
                }
            }
            kinds.add(kind);
            nullable.add(true);
            accessors[i] = row -> ((Map<?, ?>) row).get(col);
        }
        return new RowValues(subject, Map.class, columns, kinds, nullable, accessors, null);
    }

    private static String column(String name, Class<?> cls, String subject) {
        if (!SqlIdentifiers.isValid(name)) {
            throw new DatasetException(subject + ": field '" + name + "' of " + cls.getName() + " is not a valid "
                    + "column name: use letters, digits and '_', not starting with a digit, at most 63 characters.");
        }
        return name;
    }

    private static ColumnKind kind(Class<?> type, String name, Class<?> cls, String subject) {
        ColumnKind kind = ColumnKind.of(type);
        if (kind == null) {
            throw new DatasetException(subject + ": field '" + name + "' of " + cls.getName() + " has type "
                    + type.getName() + ", which has no column type. Supported: " + ColumnKind.supported() + ".");
        }
        return kind;
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The kind of each column. */
    public List<ColumnKind> kinds() {
        return kinds;
    }

    /** The class of the rows: a record or POJO class, or {@code Map.class}. */
    public Class<?> rowClass() {
        return rowClass;
    }

    /**
     * For rows of records and POJOs: {@code (Object)T} reading column {@code i} of a row of
     * {@link #rowClass()} as its declared type {@code T} (primitives unboxed), for writers that
     * want no boxing per value. {@code null} for maps. Call it only on rows of {@link #rowClass()};
     * {@link #values} checks that and names the row that is not.
     */
    public MethodHandle handle(int i) {
        return handles == null ? null : handles[i];
    }

    /** Whether each column may hold nulls (false for primitive fields). */
    public List<Boolean> nullable() {
        return nullable;
    }

    /**
     * Fills {@code out} with the values of {@code row} (row number {@code rowNumber}, from 1),
     * checked against the column kinds.
     *
     * @throws DatasetException naming the row, column and value when a value does not fit
     */
    public void values(Object row, long rowNumber, Object[] out) {
        if (row == null) {
            throw new DatasetException(subject + ": row " + rowNumber + " is null.");
        }
        boolean isMap = rowClass == Map.class;
        if (isMap ? !(row instanceof Map<?, ?>) : row.getClass() != rowClass) {
            throw new DatasetException(subject + ": row " + rowNumber + " is a " + row.getClass().getName()
                    + " but row 1 is a " + (isMap ? "map" : rowClass.getName()) + ". Save rows of one type.");
        }
        if (isMap) {
            checkMapKeys((Map<?, ?>) row, rowNumber);
        }
        for (int i = 0; i < accessors.length; i++) {
            Object v;
            try {
                v = accessors[i].get(row);
            } catch (ReflectiveOperationException e) {
                throw new DatasetException(subject + ": cannot read column '" + columns.get(i) + "' of row "
                        + rowNumber + ": " + e, e);
            }
            if (v != null && !kinds.get(i).accepts(v)) {
                throw new DatasetException(subject + ": row " + rowNumber + ", column '" + columns.get(i)
                        + "': value " + show(v) + " (" + v.getClass().getSimpleName() + ") does not fit the column's type, "
                        + kinds.get(i).display() + ", taken from row 1. Save values of one type per column.");
            }
            out[i] = v;
        }
    }

    private void checkMapKeys(Map<?, ?> row, long rowNumber) {
        if (row.size() == columns.size()) {
            boolean same = true;
            for (String c : columns) {
                if (!row.containsKey(c)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return;
            }
        }
        for (Object key : row.keySet()) {
            if (!columns.contains(String.valueOf(key))) {
                throw new DatasetException(subject + ": row " + rowNumber + " has column '" + key
                        + "', which row 1 does not have. Columns: " + String.join(", ", columns) + ".");
            }
        }
    }

    static String show(Object v) {
        String s = String.valueOf(v);
        if (s.length() > 40) {
            s = s.substring(0, 37) + "...";
        }
        return v instanceof CharSequence ? "'" + s + "'" : s;
    }
}
