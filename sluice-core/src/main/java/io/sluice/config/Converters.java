package io.sluice.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the {@link Converter} of a record component's type, or says why there is none. */
final class Converters {
    private Converters() {
    }

    /**
     * What the annotations of a record component ask for. {@code range} and {@code bytes} apply to
     * the integers inside the component's type ({@code @Range(min = 1) List<Integer>} bounds each
     * item); {@code fix} to every error about its value.
     */
    record Hints(ConfigBinder.Range range, boolean bytes, String fix) {
        static final Hints NONE = new Hints(null, false, "");

        static Hints of(RecordComponent component) {
            ConfigBinder.Fix fix = component.getAnnotation(ConfigBinder.Fix.class);
            return new Hints(component.getAnnotation(ConfigBinder.Range.class),
                    component.isAnnotationPresent(ConfigBinder.Bytes.class), fix == null ? "" : fix.value());
        }
    }

    /**
     * The converter of {@code type}.
     *
     * @param enclosing the records being built around this one, to refuse a record that contains itself
     * @throws IllegalArgumentException when the type (or an annotation on it) is not supported
     */
    static Converter of(Type type, Hints hints, Set<Class<?>> enclosing) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return new Converter.ListOf(of(args[0], hints, enclosing), hints.fix());
            }
            if (raw == Optional.class) {
                return new Converter.OptionalOf(of(args[0], hints, enclosing));
            }
            if (raw == Map.class && args[0] == String.class) {
                return new Converter.MapOf(of(args[1], hints, enclosing), hints.fix());
            }
        } else if (type instanceof Class<?> c) {
            Converter integer = integer(c, hints);
            if (integer != null) {
                return integer;
            }
            if (hints.range() != null || hints.bytes()) {
                throw new IllegalArgumentException("@Range and @Bytes apply to int and long, not to "
                        + type.getTypeName());
            }
            Converter scalar = scalar(c, hints.fix());
            if (scalar != null) {
                return scalar;
            }
            if (c == ConfigValue.class) {
                return Converter.Raw.INSTANCE;
            }
            if (c.isRecord()) {
                return new Converter.Nested(RecordBinding.of(c.asSubclass(Record.class), enclosing), hints.fix());
            }
        }
        throw new IllegalArgumentException("type " + type.getTypeName() + " is not supported; use String, int, long,"
                + " boolean, double, char, an enum, Duration, a record, ConfigValue, List<X>, Map<String, X> or Optional<X>");
    }

    /** int, long and their boxes, as integers or (with {@code @Bytes}) sizes; null for other types. */
    private static Converter integer(Class<?> c, Hints hints) {
        long typeMin;
        long typeMax;
        if (c == int.class || c == Integer.class) {
            typeMin = Integer.MIN_VALUE;
            typeMax = Integer.MAX_VALUE;
        } else if (c == long.class || c == Long.class) {
            typeMin = Long.MIN_VALUE;
            typeMax = Long.MAX_VALUE;
        } else {
            return null;
        }
        boolean isInt = typeMax == Integer.MAX_VALUE;
        ConfigBinder.Range r = hints.range();
        long low = r == null ? Long.MIN_VALUE : r.min();
        long high = r == null ? Long.MAX_VALUE : r.max();
        if (low > high) {
            throw new IllegalArgumentException("@Range(min = " + low + ", max = " + high + ") is empty");
        }
        if (hints.bytes()) {
            Scalars.Bounds bounds = new Scalars.Bounds(Math.max(low, 0), Math.min(high, typeMax), 0, typeMax);
            return new Converter.Scalar(Scalars.SIZE, hints.fix(),
                    v -> narrow(Scalars.size(v, bounds), isInt));
        }
        Scalars.Bounds bounds = new Scalars.Bounds(Math.max(low, typeMin), Math.min(high, typeMax), typeMin, typeMax);
        return new Converter.Scalar(bounds.describe("an integer", ""), hints.fix(),
                v -> narrow(Scalars.integer(v, bounds), isInt));
    }

    private static Object narrow(long n, boolean isInt) {
        return isInt ? (Object) (int) n : (Object) n;
    }

    /** The other single-value types; null for none of them. */
    @SuppressWarnings({"unchecked", "rawtypes"})  // c.isEnum() makes the raw cast safe
    private static Converter scalar(Class<?> c, String fix) {
        if (c == String.class) {
            return new Converter.Scalar(Scalars.STRING, fix, Scalars::string);
        }
        if (c == boolean.class || c == Boolean.class) {
            return new Converter.Scalar(Scalars.BOOLEAN, fix, Scalars::bool);
        }
        if (c == double.class || c == Double.class) {
            return new Converter.Scalar(Scalars.NUMBER, fix, Scalars::number);
        }
        if (c == char.class || c == Character.class) {
            return new Converter.Scalar(Scalars.CHARACTER, fix, Scalars::character);
        }
        if (c == Duration.class) {
            return new Converter.Scalar(Scalars.DURATION, fix, Scalars::duration);
        }
        if (c.isEnum()) {
            return enumeration((Class) c, fix);
        }
        return null;
    }

    private static <E extends Enum<E>> Converter enumeration(Class<E> type, String fix) {
        return new Converter.Scalar(Scalars.alternatives(type), fix, v -> Scalars.constant(v, type));
    }
}
