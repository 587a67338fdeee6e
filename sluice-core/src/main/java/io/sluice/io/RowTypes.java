package io.sluice.io;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;

/** Reads the row type out of the declared type of a consumer of a list of rows. */
final class RowTypes {
    private RowTypes() {
    }

    /**
     * {@code R} for {@code List<R>}, {@code Collection<R>}, {@code Iterable<R>};
     * {@code Object.class} for {@code Object} or a raw list; {@code null} if a list cannot be
     * passed as {@code target}.
     */
    static Type elementType(Type target) {
        Class<?> raw = Jackson.raw(target);
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
}
