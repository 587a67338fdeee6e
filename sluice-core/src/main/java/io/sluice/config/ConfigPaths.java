package io.sluice.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Looks up dotted paths ({@code model.lr}, {@code layers.0.size}) in a config tree, as
 * {@code params:model.lr} node inputs do. A numeric segment indexes into a list.
 */
public final class ConfigPaths {
    private static final int MAX_LISTED_KEYS = 20;

    private ConfigPaths() {}

    /** The value at {@code dottedPath} under {@code root}, or empty if there is none. */
    public static Optional<ConfigValue> find(ConfigValue root, String dottedPath) {
        ConfigValue current = root;
        for (String segment : split(dottedPath)) {
            current = child(current, segment);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** Same as {@link #get(ConfigMap, String, String)} with {@code what = "config"}. */
    public static ConfigValue get(ConfigMap root, String dottedPath) {
        return get(root, dottedPath, "config");
    }

    /**
     * The value at {@code dottedPath} under {@code root}.
     *
     * @param what names {@code root} in messages, e.g. {@code "parameters"}
     * @throws ConfigException if there is no such value; the message is located at the mapping
     *                         where the lookup failed and lists the keys available there
     */
    public static ConfigValue get(ConfigMap root, String dottedPath, String what) {
        List<String> segments = split(dottedPath);
        ConfigValue current = root;
        for (int i = 0; i < segments.size(); i++) {
            ConfigValue next = child(current, segments.get(i));
            if (next == null) {
                throw new ConfigException(current.location(),
                        "\"" + dottedPath + "\" is not defined: " + describeMissing(current, segments, i, what),
                        (current instanceof ConfigMap ? "Use one of the available keys" : "Fix the path")
                                + ", or define \"" + dottedPath + "\".");
            }
            current = next;
        }
        return current;
    }

    /**
     * Splits a dotted path into its segments.
     *
     * @throws IllegalArgumentException if the path or one of its segments is empty
     */
    static List<String> split(String dottedPath) {
        if (dottedPath == null || dottedPath.isEmpty()) {
            throw new IllegalArgumentException("empty config path");
        }
        List<String> segments = Arrays.asList(dottedPath.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("config path \"" + dottedPath + "\" has an empty part");
        }
        return segments;
    }

    /** The child of {@code parent} named {@code segment}, or {@code null}. */
    static ConfigValue child(ConfigValue parent, String segment) {
        if (parent instanceof ConfigMap map) {
            return map.get(segment);
        }
        if (parent instanceof ConfigList list) {
            int index = index(segment);
            return index >= 0 && index < list.items().size() ? list.items().get(index) : null;
        }
        return null;
    }

    /**
     * Says why {@code segments[failed]} is missing from {@code parent} (the value at
     * {@code segments[0..failed)}), e.g. {@code no key "b" under "a" in parameters (available: x, y)}.
     */
    static String describeMissing(ConfigValue parent, List<String> segments, int failed, String what) {
        String segment = segments.get(failed);
        String parentPath = String.join(".", segments.subList(0, failed));
        String under = parentPath.isEmpty() ? "" : " under \"" + parentPath + "\"";
        if (parent instanceof ConfigMap map) {
            return "no key \"" + segment + "\"" + under + " in " + what + " (" + available(map.keys()) + ")";
        }
        if (parent instanceof ConfigList list) {
            return "\"" + parentPath + "\" in " + what + " is a list of " + list.items().size()
                    + " items, which has no index \"" + segment + "\"";
        }
        return "\"" + parentPath + "\" in " + what + " is a scalar, not a mapping, so it has no key \""
                + segment + "\"";
    }

    /** {@code available: a, b, c} or {@code it is empty}. */
    static String available(Collection<String> keys) {
        if (keys.isEmpty()) {
            return "it is empty";
        }
        List<String> shown = new ArrayList<>(keys);
        String more = "";
        if (shown.size() > MAX_LISTED_KEYS) {
            more = ", … " + (shown.size() - MAX_LISTED_KEYS) + " more";
            shown = shown.subList(0, MAX_LISTED_KEYS);
        }
        return "available: " + String.join(", ", shown) + more;
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(segment);
    }
}
