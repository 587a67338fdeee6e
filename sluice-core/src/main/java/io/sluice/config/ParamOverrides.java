package io.sluice.config;

import java.util.List;
import java.util.Map;

/**
 * Applies runtime params (dotted key to value) onto a parameters tree: each one replaces the
 * value at its path, creating mappings on the way as needed. A path through a scalar or a list
 * is an error.
 */
final class ParamOverrides {
    /** The location given to values (and created mappings) that come from runtime params. */
    static final Location ORIGIN = Location.of("runtime params");

    private ParamOverrides() {}

    static ConfigMap apply(ConfigMap params, Map<String, Object> runtimeParams, String what) {
        ConfigMap result = params;
        for (Map.Entry<String, Object> e : runtimeParams.entrySet()) {
            String key = e.getKey();
            RuntimeParams.checkKey(key == null ? "" : key, key + "=" + e.getValue());
            List<String> segments = ConfigPaths.split(key);
            result = set(result, segments, 0, ConfigValues.of(e.getValue(), ORIGIN), key, what);
        }
        return result;
    }

    private static ConfigMap set(ConfigMap map, List<String> segments, int i, ConfigValue value,
            String key, String what) {
        String segment = segments.get(i);
        if (i == segments.size() - 1) {
            return ConfigValues.with(map, segment, value, ORIGIN);
        }
        ConfigValue child = map.get(segment);
        ConfigMap childMap;
        if (child == null) {
            childMap = ConfigMap.empty(ORIGIN);
        } else if (child instanceof ConfigMap m) {
            childMap = m;
        } else {
            String prefix = String.join(".", segments.subList(0, i + 1));
            String kindOf = child instanceof ConfigList ? "a list" : "a scalar";
            throw new ConfigException(child.location(), "runtime param \"" + key + "\" cannot be applied: \""
                    + prefix + "\" is " + kindOf + " in " + what + ", not a mapping",
                    "Replace \"" + prefix + "\" as a whole (--params " + prefix + "=<value>) or fix the key.");
        }
        Location keyLocation = map.keyLocations().getOrDefault(segment, ORIGIN);
        return ConfigValues.with(map, segment, set(childMap, segments, i + 1, value, key, what), keyLocation);
    }
}
