package io.sluice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds and edits config trees from code. */
final class ConfigValues {
    private ConfigValues() {}

    /** A located tree for a plain Java value: maps and lists become containers, the rest scalars. */
    static ConfigValue of(Object value, Location location) {
        if (value instanceof ConfigValue v) {
            return v;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                entries.put(String.valueOf(k), of(v, location));
                keys.put(String.valueOf(k), location);
            });
            return new ConfigMap(location, entries, keys);
        }
        if (value instanceof Collection<?> list) {
            List<ConfigValue> items = new ArrayList<>(list.size());
            list.forEach(v -> items.add(of(v, location)));
            return new ConfigList(location, items);
        }
        return new ConfigScalar(location, value);
    }

    /** {@code map} with {@code key} set to {@code value} (in place if present, else appended). */
    static ConfigMap with(ConfigMap map, String key, ConfigValue value, Location keyLocation) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>(map.entries());
        Map<String, Location> keys = new LinkedHashMap<>(map.keyLocations());
        entries.put(key, value);
        keys.put(key, keyLocation);
        return new ConfigMap(map.location(), entries, keys);
    }

    /** {@code map} without the top-level keys starting with {@code _}. */
    static ConfigMap withoutTemplateKeys(ConfigMap map) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        for (String k : map.keys()) {
            if (!k.startsWith("_")) {
                entries.put(k, map.get(k));
                keys.put(k, map.keyLocation(k));
            }
        }
        return new ConfigMap(map.location(), entries, keys);
    }
}
