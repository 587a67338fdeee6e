package io.sluice.config;

import java.util.Optional;

/**
 * A node of a parsed configuration tree that remembers where it was written, so that any later
 * error (an unknown dataset key, a parameter that cannot bind to a record) can name the file,
 * line and column. Trees are immutable.
 */
public sealed interface ConfigValue permits ConfigMap, ConfigList, ConfigScalar {
    /** Where this value was written. */
    Location location();

    /**
     * The plain Java value: {@code Map<String,Object>} (insertion ordered), {@code List<Object>},
     * or a scalar ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
     * {@code BigInteger}, {@code BigDecimal}) or {@code null}.
     */
    Object unwrap();

    /**
     * A tree for a plain Java value built in code, every node located at {@code location}: maps
     * become {@link ConfigMap}s (keys as strings), collections {@link ConfigList}s, anything else
     * a {@link ConfigScalar}; a {@code ConfigValue} is returned as it is.
     */
    static ConfigValue fromJava(Object value, Location location) {
        return ConfigValues.of(value, location);
    }

    /**
     * The first text in {@code value} (depth first) that holds a {@code ${run:...}} placeholder,
     * which is kept as written until each run resolves it: sections read once when a session
     * compiles (engines, runners) refuse it, naming where it is.
     */
    static Optional<ConfigScalar> runPlaceholder(ConfigValue value) {
        if (value instanceof ConfigMap m) {
            for (ConfigValue v : m.entries().values()) {
                Optional<ConfigScalar> found = runPlaceholder(v);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof ConfigList l) {
            for (ConfigValue v : l.items()) {
                Optional<ConfigScalar> found = runPlaceholder(v);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof ConfigScalar s && s.value() instanceof String text && text.contains("${run:")) {
            return Optional.of(s);
        }
        return Optional.empty();
    }
}
