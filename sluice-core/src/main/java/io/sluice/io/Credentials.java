package io.sluice.io;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials of one dataset: a named entry of {@code credentials.yml} (referenced by the
 * catalog entry's {@code credentials: <name>}) or an inline mapping.
 *
 * <p>Values are readable only through {@link #get} and {@link #optional}; {@link #toString()},
 * {@link #describe()} and every error message print {@code ****} instead, so credentials never
 * reach logs, {@code sluice catalog list} or stack traces.
 */
public final class Credentials {
    /** What is printed in place of every value. */
    public static final String MASK = "****";

    private static final Credentials NONE = new Credentials(null, Map.of(), null, null);

    private final String name;
    private final Map<String, Object> values;
    private final Location location;
    private final String owner;

    private Credentials(String name, Map<String, Object> values, Location location, String owner) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.location = location;
        this.owner = owner;
    }

    /** No credentials. */
    public static Credentials none() {
        return NONE;
    }

    /** Inline credentials, for code that builds datasets without a catalog (tests, embedding). */
    public static Credentials of(Map<String, ?> values) {
        return new Credentials(null, new LinkedHashMap<>(values), Location.of("code"), null);
    }

    static Credentials fromConfig(String name, ConfigMap values, Location location, String owner) {
        return new Credentials(name, values.unwrap(), location, owner);
    }

    /** The name in {@code credentials.yml}, empty for inline credentials. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Whether there are no credentials at all. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The keys (e.g. {@code user}, {@code password}); keys are not secret. */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The value of {@code key} as a string.
     *
     * @throws DatasetConfigException naming the credentials and the keys present (never values)
     *                                when {@code key} is absent
     */
    public String get(String key) {
        return optional(key).orElseThrow(() -> new DatasetConfigException(
                (location == null ? "" : location + ": ") + describeSelf() + " have no key '" + key
                        + "'. Keys present: " + (values.isEmpty() ? "(none)" : String.join(", ", values.keySet()))
                        + ". Add '" + key + "' to them."));
    }

    /** The value of {@code key} as a string, if present and not null. */
    public Optional<String> optional(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(v instanceof ConfigValue cv ? String.valueOf(cv.unwrap())
                : String.valueOf(v));
    }

    /** Every key mapped to {@value #MASK}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.keySet().forEach(k -> out.put(k, MASK));
        return out;
    }

    private String describeSelf() {
        List<String> parts = new ArrayList<>();
        parts.add(name == null ? "inline credentials" : "credentials '" + name + "'");
        if (owner != null) {
            parts.add("of " + owner);
        }
        return String.join(" ", parts);
    }

    @Override
    public String toString() {
        return "Credentials" + (name == null ? "" : "[" + name + "]") + describe();
    }
}
