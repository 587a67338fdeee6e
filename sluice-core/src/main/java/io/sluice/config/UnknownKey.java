package io.sluice.config;

import io.sluice.Suggestions;
import java.util.List;
import java.util.Optional;

/**
 * A key that a config section does not accept: where it was written, the keys the section does
 * accept, and the one the user most likely meant. The one report of an unknown key, whether a
 * {@link ConfigBinder} finds it or a caller that reads keys one by one (the catalog).
 *
 * @param key      the key as written
 * @param location where it was written
 * @param known    the keys the section accepts, in the order messages list them
 */
public record UnknownKey(String key, Location location, List<String> known) {
    public UnknownKey {
        known = List.copyOf(known);
    }

    /** The known key closest to {@code key}, when it is close enough to be a typo. */
    public Optional<String> suggestion() {
        return Suggestions.closest(key, known);
    }

    /** {@code " Did you mean 'port'?"}, or the empty string when no known key is close. */
    public String didYouMean() {
        return suggestion().map(s -> " Did you mean '" + s + "'?").orElse("");
    }

    /**
     * {@code <file:line:col>: unknown key 'prot' in <where>. Known keys: host, port. Did you mean
     * 'port'?}
     *
     * @param where what the section is, e.g. "the server config"
     */
    public ConfigException exception(String where) {
        return new ConfigException(location, "unknown key '" + key + "' in " + where, "Known keys: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)) + "." + didYouMean());
    }
}
