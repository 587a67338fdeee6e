package io.sluice.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shared, immutable-after-construction Jackson mappers and helpers to talk about Java types.
 *
 * <p>Datasets ignore fields a record does not declare (a node reads the columns it needs from a
 * wider file); parameters reject them (a misspelt parameter must not be silently dropped).
 * Both refuse to turn a missing or empty value into a primitive's zero.
 */
final class Jackson {
    private Jackson() {
    }

    static final ObjectMapper DATA = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(StableOrder.module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static final ObjectMapper PARAMS = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    static JavaType javaType(Type type) {
        return DATA.getTypeFactory().constructType(type);
    }

    /** The erased class of {@code type}, {@code Object.class} when it has none. */
    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return raw(g.getGenericComponentType()).arrayType();
        }
        return Object.class;
    }

    /** {@code List<Company>} rather than {@code java.util.List<com.acme.Company>}. */
    static String display(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? display(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return display(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(Jackson::display)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType g) {
            return display(g.getGenericComponentType()) + "[]";
        }
        if (type instanceof WildcardType) {
            return "?";
        }
        return type.getTypeName();
    }

    /** "a number", "a string", "a list"… what a value of {@code type} looks like in YAML/JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        Class<?> t = type.isPrimitive() ? box(type) : type;
        if (Number.class.isAssignableFrom(t)) {
            return "a number";
        }
        if (t == Boolean.class) {
            return "a boolean";
        }
        if (t == String.class || t == Character.class || t.isEnum()) {
            return t.isEnum() ? "one of " + Arrays.toString(t.getEnumConstants()) : "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(t)) {
            return "a mapping";
        }
        return "a mapping for " + t.getSimpleName();
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
