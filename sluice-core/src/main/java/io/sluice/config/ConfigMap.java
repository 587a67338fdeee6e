package io.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A mapping in a configuration tree: ordered keys, each with its value and the location of the
 * key itself (which is where errors about that key point).
 */
public record ConfigMap(Location location, Map<String, ConfigValue> entries, Map<String, Location> keyLocations)
        implements ConfigValue {

    public ConfigMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    }

    /** An empty map located at {@code location}. */
    public static ConfigMap empty(Location location) {
        return new ConfigMap(location, Map.of(), Map.of());
    }

    /** The value under {@code key}, or {@code null}. */
    public ConfigValue get(String key) {
        return entries.get(key);
    }

    /** The keys in file order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Where {@code key} was written, falling back to this map's location. */
    public Location keyLocation(String key) {
        Location l = keyLocations.get(key);
        return l != null ? l : location;
    }

    @Override
    public Map<String, Object> unwrap() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, v.unwrap()));
        return out;
    }
}
