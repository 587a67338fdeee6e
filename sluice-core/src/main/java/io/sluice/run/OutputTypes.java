package io.sluice.run;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a run's output value against the type a caller asks for, so that {@link RunResult#output}
 * never casts silently: the value's class, and for collections, maps, optionals and arrays every
 * element, key and value against the type arguments. The only conversion is the exact widening of
 * a number ({@code Integer} to {@code Long} or {@code Double}, {@code Float} to {@code Double}) of
 * the output itself.
 */
final class OutputTypes {
    private OutputTypes() {
    }

    /** Why {@code value} is not a {@code type}, or null when it is. {@code where} names the part checked. */
    static String mismatch(Object value, Type type, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof Class<?> c) {
            return box(c).isInstance(value) ? null
                    : where + " is " + describe(value) + ", not " + display(type);
        }
        if (type instanceof WildcardType w) {
            return mismatch(value, w.getUpperBounds()[0], where);
        }
        if (type instanceof TypeVariable<?> v) {
            return mismatch(value, v.getBounds()[0], where);
        }
        if (type instanceof GenericArrayType g) {
            if (!value.getClass().isArray() || value.getClass().getComponentType().isPrimitive()) {
                return where + " is " + describe(value) + ", not " + display(type);
            }
            for (int i = 0; i < Array.getLength(value); i++) {
                String m = mismatch(Array.get(value, i), g.getGenericComponentType(), where + "[" + i + "]");
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        ParameterizedType p = (ParameterizedType) type;
        Class<?> raw = (Class<?>) p.getRawType();
        if (!raw.isInstance(value)) {
            return where + " is " + describe(value) + ", not " + display(type);
        }
        Type[] args = p.getActualTypeArguments();
        if (value instanceof Map<?, ?> map && raw.getTypeParameters().length == 2 && Map.class.isAssignableFrom(raw)) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String m = mismatch(e.getKey(), args[0], "key " + e.getKey() + " of " + where);
                if (m == null) {
                    m = mismatch(e.getValue(), args[1], where + "[" + e.getKey() + "]");
                }
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (value instanceof Collection<?> collection && args.length == 1) {
            int i = 0;
            for (Iterator<?> it = collection.iterator(); it.hasNext(); i++) {
                String m = mismatch(it.next(), args[0], "element " + i + " of " + where);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? mismatch(optional.get(), args[0], "the content of " + where) : null;
        }
        for (Type arg : args) {
            if (!(arg instanceof WildcardType w && w.getUpperBounds()[0] == Object.class)) {
                return where + " is a " + raw.getSimpleName() + ", whose type arguments are erased at run time "
                        + "(only the contents of collections, maps, optionals and arrays can be checked); ask for "
                        + raw.getSimpleName() + ".class or " + raw.getSimpleName() + "<?>";
            }
        }
        return null;
    }

    /** {@code value} as {@code type}, widening a number exactly when needed; null when it cannot be. */
    static Object widen(Object value, Class<?> type) {
        Class<?> target = box(type);
        if (target == Long.class && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            return ((Number) value).longValue();
        }
        if (target == Integer.class && (value instanceof Short || value instanceof Byte)) {
            return ((Number) value).intValue();
        }
        if (target == Double.class && (value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Float)) {
            return ((Number) value).doubleValue();
        }
        return null;
    }

    static Class<?> box(Class<?> c) {
        return c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
    }

    /** What a value is, for messages: {@code ArrayList of 2 elements, the first a LinkedHashMap}. */
    static String describe(Object value) {
        String name = value.getClass().isArray() ? value.getClass().getComponentType().getSimpleName() + "[]"
                : value.getClass().getName().startsWith("java.") ? value.getClass().getSimpleName()
                : value.getClass().getName();
        if (value instanceof Collection<?> c) {
            Iterator<?> it = c.iterator();
            Object first = it.hasNext() ? it.next() : null;
            return name + " of " + c.size() + " element" + (c.size() == 1 ? "" : "s")
                    + (first == null ? "" : ", the first " + simpleName(first));
        }
        if (value instanceof Map<?, ?> m) {
            return name + " of " + m.size() + " entr" + (m.size() == 1 ? "y" : "ies");
        }
        return name;
    }

    private static String simpleName(Object value) {
        return value.getClass().getName().startsWith("java.") ? value.getClass().getSimpleName()
                : value.getClass().getName();
    }

    /** {@code List<Price>} rather than {@code java.util.List<com.acme.Price>}. */
    static String display(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? display(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder sb = new StringBuilder(display(p.getRawType())).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int k = 0; k < args.length; k++) {
                sb.append(k == 0 ? "" : ", ").append(display(args[k]));
            }
            return sb.append('>').toString();
        }
        if (type instanceof GenericArrayType g) {
            return display(g.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }
}
