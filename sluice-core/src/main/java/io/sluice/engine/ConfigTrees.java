package io.sluice.engine;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Located config trees for plain Java values (engine configs built in code). */
final class ConfigTrees {
    private ConfigTrees() {
    }

    static ConfigMap mapOf(Map<String, ?> value, Location location) {
        return (ConfigMap) of(value, location);
    }

    private static ConfigValue of(Object value, Location location) {
        if (value instanceof ConfigValue cv) {
            return cv;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            Map<String, Location> locations = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                entries.put(String.valueOf(k), of(v, location));
                locations.put(String.valueOf(k), location);
            });
            return new ConfigMap(location, entries, locations);
        }
        if (value instanceof Collection<?> items) {
            List<ConfigValue> out = new ArrayList<>();
            items.forEach(i -> out.add(of(i, location)));
            return new ConfigList(location, out);
        }
        return new ConfigScalar(location, value);
    }
}
