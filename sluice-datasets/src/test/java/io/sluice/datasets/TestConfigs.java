package io.sluice.datasets;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds located config trees from nested Java maps as if they had been written as block YAML:
 * every key on its own line (counting from 1), indented two columns per level, scalars after
 * {@code "key: "}, list items as {@code "- item"} lines. (A copy of sluice-core's test helper.)
 */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** An insertion-ordered map from alternating keys and values. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    public static ConfigMap catalog(Map<String, ?> tree) {
        return config("conf/base/catalog.yml", tree);
    }

    public static ConfigMap config(String file, Map<String, ?> tree) {
        return buildMap(file, tree, 1, new int[] {0}, new Location(file, 1, 1));
    }

    private static ConfigMap buildMap(String file, Map<String, ?> tree, int column, int[] line, Location at) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            Location keyAt = new Location(file, ++line[0], column);
            keys.put(k, keyAt);
            entries.put(k, build(file, v, column, line, new Location(file, line[0], column + k.length() + 2)));
        });
        return new ConfigMap(at, entries, keys);
    }

    @SuppressWarnings("unchecked")
    private static ConfigValue build(String file, Object v, int column, int[] line, Location at) {
        if (v instanceof Map<?, ?> m) {
            return buildMap(file, (Map<String, ?>) m, column + 2, line, new Location(file, line[0] + 1, column + 2));
        }
        if (v instanceof List<?> l) {
            List<ConfigValue> items = new ArrayList<>();
            for (Object item : l) {
                items.add(build(file, item, column + 2, line, new Location(file, ++line[0], column + 4)));
            }
            return new ConfigList(at, items);
        }
        return new ConfigScalar(at, v);
    }

    /** Captures a generic type: {@code new TypeOf<Map<String, List<Row>>>() {}.type()}. */
    public abstract static class TypeOf<T> {
        public Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }
}
