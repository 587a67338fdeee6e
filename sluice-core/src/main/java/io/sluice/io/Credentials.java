package io.sluice.io;

import io.sluice.Suggestions;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Credentials NONE = new Credentials(null, Map.of(), null, null, Map.of());

    /** {@code scheme://user:password@host}: the password of a URL's user information. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/?#@:\\s]*:)[^/?#@\\s]+@");
    /**
     * {@code password=...} (also {@code passwd}, {@code pwd}, {@code secret}) up to the next
     * {@code &}, {@code ;} or space; a {@code :} ends it only before a space or the end, as in a
     * message "... from URL: ...".
     */
    private static final Pattern URL_PASSWORD = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret)=)(?:[^&;:\\s]|:(?![\\s]|$))*");

    private final String name;
    private final Map<String, Object> values;
    private final Location location;
    private final String owner;
    private final Map<String, Location> keyLocations;

    private Credentials(String name, Map<String, Object> values, Location location, String owner,
                        Map<String, Location> keyLocations) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.location = location;
        this.owner = owner;
        this.keyLocations = keyLocations;
    }

    /** No credentials. */
    public static Credentials none() {
        return NONE;
    }

    /** Inline credentials, for code that builds datasets without a catalog (tests, embedding). */
    public static Credentials of(Map<String, ?> values) {
        return new Credentials(null, new LinkedHashMap<>(values), Location.of("code"), null, Map.of());
    }

    static Credentials fromConfig(String name, ConfigMap values, Location location, String owner) {
        return new Credentials(name, values.unwrap(), location, owner, values.keyLocations());
    }

    /**
     * {@code text} with the passwords of any URLs in it masked as {@value #MASK}: the user
     * information's password ({@code postgresql://user:****@host/db}) and {@code password=},
     * {@code pwd=}, {@code passwd=} or {@code secret=} values ({@code ?password=****},
     * {@code ;password=****}, {@code &pwd=****}). For every message, description and listing that
     * may show a connection URL.
     */
    public static String maskUrlSecrets(String text) {
        if (text == null || text.indexOf('@') < 0 && text.indexOf('=') < 0) {
            return text;
        }
        String masked = URL_USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return URL_PASSWORD.matcher(masked).replaceAll("$1" + MASK);
    }

    /**
     * The passwords written in {@code url}, in the forms {@link #maskUrlSecrets} masks: to mask
     * them wherever else they show up (a JDBC driver that takes a URL's {@code user:password@}
     * for part of the host name repeats it in its errors).
     */
    public static Set<String> urlSecrets(String url) {
        Set<String> secrets = new LinkedHashSet<>();
        if (url != null) {
            Matcher m = URL_USER_INFO.matcher(url);
            while (m.find()) {
                secrets.add(url.substring(m.end(1), m.end() - 1));
            }
            m = URL_PASSWORD.matcher(url);
            while (m.find()) {
                if (m.end() > m.end(1)) {
                    secrets.add(url.substring(m.end(1), m.end()));
                }
            }
        }
        return secrets;
    }

    /**
     * Where these credentials are written, for messages: {@code credentials 'warehouse'
     * (conf/local/credentials.yml:3:1)}, or {@code inline credentials} with their location.
     */
    public String source() {
        String what = name == null ? "inline credentials" : "credentials '" + name + "'";
        return location == null ? what : what + " (" + location + ")";
    }

    /**
     * Refuses keys that the dataset does not read, which would otherwise be ignored without a
     * word (a misspelt {@code pasword} leaves the password unset).
     *
     * @param known  the keys the dataset reads
     * @param reader what reads them, for the message (e.g. "SQL datasets")
     * @throws DatasetConfigException naming the key, where it is written, the known keys and
     *                                the closest one
     */
    public void requireKnownKeys(Collection<String> known, String reader) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                Location at = keyLocations.getOrDefault(key, location);
                throw new DatasetConfigException((at == null ? "" : at + ": ") + describeSelf() + ": unknown key '"
                        + key + "'; " + reader + " read " + String.join(", ", new TreeSet<>(known)) + "."
                        + Suggestions.didYouMean(key, known) + " Remove it or fix its name.");
            }
        }
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
