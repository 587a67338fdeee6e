package io.sluice.engine;

import io.sluice.Suggestions;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credentials of one engine: the entry of {@code credentials.yml} its {@code credentials:}
 * names, or an inline mapping. Values are readable through {@link #get} and {@link #optional}
 * only; {@link #toString()}, {@link #describe()} and every message print {@value #MASK}.
 */
public final class EngineCredentials {
    /** What is printed in place of every value. */
    public static final String MASK = "****";

    /** Keys whose values are names, not secrets: shown in messages, masked in {@link #describe()} all the same. */
    public static final Set<String> NOT_SECRET = Set.of("user", "username");

    private static final EngineCredentials NONE = new EngineCredentials(null, Map.of(), null, "", Map.of());

    private final String name;
    private final Map<String, String> values;
    private final Location location;
    private final String owner;
    private final Map<String, Location> keyLocations;

    private EngineCredentials(String name, Map<String, String> values, Location location, String owner,
                              Map<String, Location> keyLocations) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.location = location;
        this.owner = owner;
        this.keyLocations = Map.copyOf(keyLocations);
    }

    /** No credentials. */
    public static EngineCredentials none() {
        return NONE;
    }

    /** Inline credentials built in code (tests, embedding). */
    public static EngineCredentials of(Map<String, ?> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, String.valueOf(v));
            }
        });
        return new EngineCredentials(null, copy, Location.of("code"), "", Map.of());
    }

    static EngineCredentials fromConfig(String name, ConfigMap values, Location location, String owner) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : values.entries().entrySet()) {
            Object v = e.getValue().unwrap();
            if (v != null) {
                copy.put(e.getKey(), String.valueOf(v));
            }
        }
        return new EngineCredentials(name, copy, location, owner, values.keyLocations());
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The keys (not secret). */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The value of {@code key}, if present. */
    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The value of {@code key}.
     *
     * @throws EngineConfigException naming the credentials, where they are and the keys present
     */
    public String get(String key) {
        return optional(key).orElseThrow(() -> new EngineConfigException((location == null ? "" : location + ": ")
                + source() + owner + " have no key '" + key + "'. Keys present: "
                + (values.isEmpty() ? "(none)" : String.join(", ", values.keySet())) + ". Add '" + key
                + "' to them."));
    }

    /**
     * Refuses keys the engine does not read (a misspelt {@code pasword} would otherwise leave the
     * password unset without a word).
     *
     * @throws EngineConfigException at the key, with the known keys and the closest one
     */
    public void requireKnownKeys(Collection<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                Location at = keyLocations.getOrDefault(key, location);
                throw new EngineConfigException((at == null ? "" : at + ": ") + source() + owner + ": unknown key '"
                        + key + "'; this engine reads " + String.join(", ", new TreeSet<>(known)) + "."
                        + Suggestions.didYouMean(key, known) + " Remove it or fix its name.");
            }
        }
    }

    /**
     * The values to mask wherever they might show up: every value but those of {@link #NOT_SECRET}
     * keys (a user name is what an "authentication failed for user 'x'" must be able to say).
     */
    Set<String> secrets() {
        Set<String> out = new LinkedHashSet<>();
        values.forEach((k, v) -> {
            // masking "1" or "no" everywhere would garble messages, and hides nothing
            if (v.length() >= 3 && !NOT_SECRET.contains(k)) {
                out.add(v);
            }
        });
        return out;
    }

    /** {@code credentials 'warehouse' (conf/local/credentials.yml:3:1)} or {@code inline credentials}. */
    public String source() {
        String what = name == null ? "inline credentials" : "credentials '" + name + "'";
        return location == null || location.line() <= 0 ? what : what + " (" + location + ")";
    }

    /** Every key mapped to {@value #MASK}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.keySet().forEach(k -> out.put(k, MASK));
        return out;
    }

    @Override
    public String toString() {
        return "EngineCredentials" + (name == null ? "" : "[" + name + "]") + describe();
    }
}
