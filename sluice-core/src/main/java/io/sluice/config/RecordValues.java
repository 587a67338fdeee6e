package io.sluice.config;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A bound config record as plain values under its YAML keys (the inverse of {@link ConfigBinder}), for {@code describe} as JSON. */
public final class RecordValues {
    /** What is shown in place of a credential value. */
    public static final String MASK = "****";
    private RecordValues() {
    }

    /**
     * The components of {@code r} under their snake_case keys; empty Optionals and lists left out,
     * a component named {@code credentials} masked.
     */
    public static Map<String, Object> of(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                v = "<" + e + ">";
            }
            if (v instanceof Optional<?> o && o.isEmpty()) {
                continue;
            }
            if (v instanceof List<?> l && l.isEmpty()) {
                continue;
            }
            out.put(snake(c.getName()), c.getName().equals(CredentialsRef.KEY) ? masked(plain(v)) : plain(v));
        }
        return out;
    }

    /** Credentials as their keys with every value {@value #MASK}: what they hold is never shown. */
    private static Object masked(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> keys = new LinkedHashMap<>();
            m.keySet().forEach(k -> keys.put(String.valueOf(k), MASK));
            return keys;
        }
        return v == null ? null : MASK;
    }

    private static Object plain(Object v) {
        if (v instanceof Optional<?> o) {
            return plain(o.orElse(null));
        }
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof ConfigValue written) { // a ConfigValue component: the value as written
            return written.unwrap();
        }
        if (v instanceof Record r) {
            return of(r);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        return v;
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
