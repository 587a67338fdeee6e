package io.sluice.config;

/**
 * A scalar in a configuration tree, already typed as YAML 1.2 core schema does it
 * ({@code 1} is an integer, {@code 1.5} a double, {@code true} a boolean, {@code ~}/{@code null}
 * is null, anything else a string).
 *
 * @param value the typed value, possibly {@code null}
 */
public record ConfigScalar(Location location, Object value) implements ConfigValue {
    @Override
    public Object unwrap() {
        return value;
    }
}
