package io.sluice.io;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** Conversions between plain Java values and located config trees, and how to name them. */
final class ConfigValues {
    private ConfigValues() {
    }

    /** A config tree for a plain Java value; every node gets {@code location}. */
    static ConfigValue fromJava(Object value, Location location) {
        return ConfigValue.fromJava(value, location);
    }

    static ConfigMap mapFromJava(Map<String, ?> value, Location location) {
        return (ConfigMap) fromJava(value, location);
    }

    /** "a string", "an integer", "a mapping"… for error messages. */
    static String kind(ConfigValue value) {
        if (value instanceof ConfigMap) {
            return "a mapping";
        }
        if (value instanceof ConfigList) {
            return "a list";
        }
        return kindOfScalar(((ConfigScalar) value).value());
    }

    static String kindOfScalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "an integer";
        }
        if (v instanceof Number) {
            return "a number";
        }
        return "a " + v.getClass().getSimpleName();
    }

    /** The value as users wrote it: strings quoted, containers by kind. */
    static String show(ConfigValue value) {
        if (value instanceof ConfigScalar s) {
            return showScalar(s.value());
        }
        return kind(value);
    }

    static String showScalar(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof Collection) {
            return "a list";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }
}
