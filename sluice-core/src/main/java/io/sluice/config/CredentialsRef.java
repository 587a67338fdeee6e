package io.sluice.config;

import io.sluice.Suggestions;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code credentials:} key of a config entry (a dataset, an engine, a runner, a launcher),
 * resolved: the name of an entry of {@code credentials.yml}, or an inline mapping. One lookup for
 * every kind of entry, so that every one reports a missing or malformed reference the same way —
 * never printing a value.
 *
 * @param name   the name in {@code credentials.yml}, or {@code null} for an inline mapping
 * @param values the key-value mapping
 * @param at     where the values are written
 */
public record CredentialsRef(String name, ConfigMap values, Location at) {
    /** The key that refers to credentials. */
    public static final String KEY = "credentials";

    /**
     * The credentials {@code entry} refers to, if any.
     *
     * @param entry       the entry holding a {@code credentials:} key or not
     * @param credentials the merged {@code credentials.yml}
     * @param owner       who uses them, for messages: {@code dataset 'companies'}
     * @param error       builds the exception to throw from a message
     * @throws RuntimeException from {@code error} when the key is neither a name nor a mapping, names
     *                          no entry (with a "did you mean" and the defined names), or names an
     *                          entry that is not a mapping
     */
    public static Optional<CredentialsRef> of(ConfigMap entry, ConfigMap credentials, String owner,
                                              Function<String, RuntimeException> error) {
        ConfigValue ref = entry.get(KEY);
        if (ref == null || ref instanceof ConfigScalar s && s.value() == null) {
            return Optional.empty();
        }
        Location at = entry.keyLocation(KEY);
        if (ref instanceof ConfigMap inline) {
            return Optional.of(new CredentialsRef(null, inline, at));
        }
        if (!(ref instanceof ConfigScalar s && s.value() instanceof String name)) {
            throw error.apply(at + ": " + owner + ": 'credentials' expects the name of an entry in credentials.yml or "
                    + "a mapping, got " + (ref instanceof ConfigList ? "a list" : "a "
                    + ((ConfigScalar) ref).value().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT))
                    + ".");
        }
        String file = credentials.location().file() != null && credentials.location().file().endsWith(".yml")
                ? credentials.location().file() : "credentials.yml";
        ConfigValue found = credentials.get(name);
        if (found == null) {
            throw error.apply(at + ": " + owner + " uses credentials '" + name + "', which are not defined in " + file
                    + "." + Suggestions.didYouMean(name, credentials.keys()) + " Defined credentials: "
                    + (credentials.keys().isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(credentials.keys())))
                    + ". Add '" + name + "' to " + file + " (conf/local/credentials.yml keeps secrets out of version "
                    + "control).");
        }
        if (!(found instanceof ConfigMap values)) {
            throw error.apply(credentials.keyLocation(name) + ": credentials '" + name + "' must be a mapping of keys "
                    + "to values (used by " + owner + ").");
        }
        return Optional.of(new CredentialsRef(name, values, credentials.keyLocation(name)));
    }

    /**
     * {@code entry} with its {@code credentials:} reference replaced by the mapping it names, so
     * that a record component {@code credentials} (a {@code Map<String, String>} or a record) binds
     * the values; {@code entry} itself when it has none. {@link RecordValues} masks that component.
     */
    public static ConfigMap resolveIn(ConfigMap entry, ConfigMap credentials, String owner,
                                      Function<String, RuntimeException> error) {
        Optional<CredentialsRef> ref = of(entry, credentials, owner, error);
        if (ref.isEmpty()) {
            return entry;
        }
        java.util.Map<String, ConfigValue> values = new java.util.LinkedHashMap<>(entry.entries());
        values.put(KEY, ref.get().values());
        return new ConfigMap(entry.location(), values, entry.keyLocations());
    }
}
