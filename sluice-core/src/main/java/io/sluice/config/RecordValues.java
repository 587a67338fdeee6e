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
    private RecordValues() {
    }

    /** The components of {@code r} under their snake_case keys; empty Optionals and lists left out. */
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
            out.put(snake(c.getName()), plain(v));
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v instanceof Optional<?> o) {
            return plain(o.orElse(null));
        }
        if (v instanceof ConfigValue c) {
            return c.unwrap();
        }
        if (v instanceof Duration d) {
            return Durations.format(d);
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
