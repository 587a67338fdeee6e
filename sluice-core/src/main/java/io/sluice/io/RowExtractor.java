package io.sluice.io;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The columns and per-row values of rows to save: the inverse of {@link RowMapper}. Compiled once
 * per row type; immutable and thread-safe.
 *
 * <ul>
 *   <li>Records: one column per component, in declaration order.</li>
 *   <li>POJOs: one column per public getter ({@code getX()}, {@code isX()} for booleans) or
 *       public instance field, in field declaration order (superclass first), then getters
 *       without a field in name order.</li>
 *   <li>Maps: one column per key seen in the sample rows, in first-seen order; keys are turned
 *       into strings; a key absent from a row gives {@code null}.</li>
 * </ul>
 *
 * @param <E> the row type
 */
public final class RowExtractor<E> {
    private final Class<?> type;
    private final List<String> columns;
    /** Records and POJOs: (Object)Object per column. Null for maps. */
    private final MethodHandle[] getters;
    /** Maps: column index by key. */
    private final Map<String, Integer> index;

    /**
     * For records whose components are all {@code long}, {@code int}, {@code double},
     * {@code boolean} or {@code String}: per column, {@code (Object)String} giving the cell text
     * exactly as {@code String.valueOf} of the boxed value would ({@code ""} for a null String),
     * without boxing; {@code null} for other types. See {@link #textCells}.
     */
    private MethodHandle[] textGetters;

    private RowExtractor(Class<?> type, List<String> columns, MethodHandle[] getters, Map<String, Integer> index) {
        this.type = type;
        this.columns = columns;
        this.getters = getters;
        this.index = index;
    }

    /**
     * Compiles the extraction of rows of {@code type}.
     *
     * @param type   the rows' class: a record, a POJO with getters or public fields, or a {@code Map}
     * @param sample rows whose keys name the columns of map rows (pass all the rows to keep every
     *               key); ignored for other types
     * @throws DatasetException when {@code type} has no properties to save
     */
    public static <E> RowExtractor<E> of(Class<?> type, List<?> sample) {
        if (Map.class.isAssignableFrom(type)) {
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            for (Object row : sample) {
                if (row instanceof Map<?, ?> m) {
                    for (Object k : m.keySet()) {
                        keys.add(String.valueOf(k));
                    }
                }
            }
            List<String> columns = List.copyOf(keys);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i), i);
            }
            return new RowExtractor<>(Map.class, columns, null, index);
        }
        try {
            Map<String, Method> accessors = type.isRecord() ? recordAccessors(type) : beanAccessors(type);
            List<String> columns = new ArrayList<>();
            List<MethodHandle> getters = new ArrayList<>();
            MethodType getterType = MethodType.methodType(Object.class, Object.class);
            for (Map.Entry<String, Method> e : accessors.entrySet()) {
                Method m = e.getValue();
                m.setAccessible(true);
                columns.add(e.getKey());
                getters.add(MethodHandles.lookup().unreflect(m).asType(getterType));
            }
            if (!type.isRecord()) {
                for (Field f : type.getFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !accessors.containsKey(f.getName())) {
                        columns.add(f.getName());
                        getters.add(MethodHandles.publicLookup().unreflectGetter(f).asType(getterType));
                    }
                }
            }
            if (columns.isEmpty() || type.getName().startsWith("java.") || type.isPrimitive() || type.isArray()) {
                throw new DatasetException("a " + type.getName() + " is not a map, record or bean with properties,"
                        + " so it cannot be saved as a row");
            }
            RowExtractor<E> extractor = new RowExtractor<>(type, List.copyOf(columns),
                    getters.toArray(MethodHandle[]::new), null);
            if (type.isRecord()) {
                extractor.textGetters = textGetters(type, accessors);
            }
            return extractor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException("cannot read the properties of " + type.getName() + ": " + e, e);
        }
    }

    private static Map<String, Method> recordAccessors(Class<?> type) {
        Map<String, Method> out = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            out.put(c.getName(), c.getAccessor());
        }
        return out;
    }

    private static Map<String, Method> beanAccessors(Class<?> type) {
        Map<String, Method> byName = new java.util.TreeMap<>();
        if (!Modifier.isPublic(type.getModifiers())) {
            return byName;
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getReturnType() == void.class
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            String name = null;
            if (n.length() > 3 && n.startsWith("get")) {
                name = n.substring(3);
            } else if (n.length() > 2 && n.startsWith("is") && m.getReturnType() == boolean.class) {
                name = n.substring(2);
            }
            if (name != null) {
                byName.putIfAbsent(Character.toLowerCase(name.charAt(0)) + name.substring(1), m);
            }
        }
        // Field declaration order first, superclass first, so columns follow the source.
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        Map<String, Method> out = new LinkedHashMap<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                Method m = byName.get(f.getName());
                if (m != null && !Modifier.isStatic(f.getModifiers())) {
                    out.putIfAbsent(f.getName(), m);
                }
            }
        }
        byName.forEach(out::putIfAbsent);
        return out;
    }

    /** The column names, in the order of {@link #values}. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The values of {@code row}, aligned with {@link #columns()}.
     *
     * @throws DatasetException when {@code row} is not of the compiled type
     */
    public Object[] values(E row) {
        Object[] out = new Object[columns.size()];
        if (getters == null) {
            if (!(row instanceof Map<?, ?> m)) {
                throw wrongRow(row);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Integer i = index.get(String.valueOf(e.getKey()));
                if (i != null) {
                    out[i] = e.getValue();
                }
            }
            return out;
        }
        if (!type.isInstance(row)) {
            throw wrongRow(row);
        }
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = getters[i].invokeExact((Object) row);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new DatasetException("cannot read " + columns.get(i) + " of a " + type.getName() + ": " + e, e);
            }
        }
        return out;
    }

    private DatasetException wrongRow(Object row) {
        return new DatasetException("the row is " + (row == null ? "null" : "a " + row.getClass().getName())
                + ", but the rows before it are " + (type == Map.class ? "maps" : "of type " + type.getName()));
    }

    private static MethodHandle[] textGetters(Class<?> type, Map<String, Method> accessors)
            throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle[] out = new MethodHandle[accessors.size()];
        int i = 0;
        for (Method m : accessors.values()) {
            Class<?> t = m.getReturnType();
            MethodHandle text;
            if (t == long.class || t == int.class || t == double.class || t == boolean.class) {
                Class<?> boxed = Jackson.box(t);
                text = lookup.findStatic(boxed, "toString", MethodType.methodType(String.class, t));
            } else if (t == String.class) {
                text = lookup.findStatic(RowExtractor.class, "orEmpty", MethodType.methodType(String.class,
                        String.class));
            } else {
                return null;
            }
            out[i++] = MethodHandles.filterReturnValue(lookup.unreflect(m), text)
                    .asType(MethodType.methodType(String.class, Object.class));
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The cells of {@code row} as text into {@code cells}, for the record types {@link #textGetters}
     * covers; false (nothing written) for every other row, which then goes through {@link #values}.
     */
    boolean textCells(Object row, String[] cells) {
        MethodHandle[] g = textGetters;
        if (g == null || !type.isInstance(row) || cells.length != g.length) {
            return false;
        }
        try {
            for (int i = 0; i < g.length; i++) {
                cells[i] = (String) g[i].invokeExact(row);
            }
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new DatasetException("cannot read a " + type.getName() + ": " + e, e);
        }
    }
}
