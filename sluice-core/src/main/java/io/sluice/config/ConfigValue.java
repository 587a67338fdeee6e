package io.sluice.config;

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
}
