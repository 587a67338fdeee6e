package io.sluice.config;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A config value that is not what its key accepts ({@code port must be an integer from 0 to
 * 65535, got 'http'}), or a required key that is missing ({@code auth needs
 * bearer_token_credentials}). Besides the message, it says which key, what was expected and what
 * was found, so that a caller with its own phrasing (the catalog) can word it its way.
 */
public final class ConfigValueException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String expected;
    private final transient ConfigValue found;

    private ConfigValueException(Location location, String problem, String fix, String key, String expected,
                                 ConfigValue found) {
        super(location, problem, fix);
        this.key = key;
        this.expected = expected;
        this.found = found;
    }

    /** {@code found}, written under {@code key}, is not {@code expected}. */
    static ConfigValueException wrongValue(ConfigValue found, String key, String expected, String fix) {
        return new ConfigValueException(found.location(), key + " must be " + expected + ", got " + show(found), fix,
                key, expected, found);
    }

    /** {@code where} (a section at {@code location}) has no value for {@code key}, and needs one. */
    static ConfigValueException missing(Location location, String where, String key, String leafKey,
                                        String expected, String fix) {
        return new ConfigValueException(location, where + " needs " + leafKey, fix, key, expected, null);
    }

    /**
     * The key, as a path from the section that was bound: {@code port},
     * {@code auth.bearer_token_credentials}, {@code pipelines[1]}.
     */
    public String key() {
        return key;
    }

    /** What the key accepts: "an integer from 0 to 65535", "a duration such as 500ms, 5s, 2m or PT5S". */
    public String expected() {
        return expected;
    }

    /** The value that was written; empty when the key is missing. */
    public Optional<ConfigValue> found() {
        return Optional.ofNullable(found);
    }

    /** A value as the config messages show it: {@code 'http'}, {@code 8080}, {@code null}, {@code a list}. */
    static String show(ConfigValue value) {
        if (value instanceof ConfigMap) {
            return "a mapping";
        }
        if (value instanceof ConfigList) {
            return "a list";
        }
        Object v = ((ConfigScalar) value).value();
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }
}
