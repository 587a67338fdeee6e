package io.sluice.run;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type, captured by subclassing: {@code new TypeRef<List<Price>>() {}}. Used by
 * {@link RunResult#output(String, TypeRef)} to return an output with its type arguments checked,
 * where a {@code Class} could only name {@code List}.
 *
 * @param <T> the type captured
 */
public abstract class TypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass.
     *
     * @throws IllegalStateException when created without a type argument ({@code new TypeRef() {}})
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalStateException("TypeRef needs a type argument: write new TypeRef<List<Price>>() {}, "
                    + "not a raw TypeRef");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    /** The captured type, e.g. {@code java.util.List<com.acme.Price>}. */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
