package io.sluice.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Binds a config section ({@code server.yml}, a catalog entry's {@code load_args}, an entry of
 * {@code runners.yml}) to a Java record, with errors that name the file, line and column.
 *
 * <pre>{@code
 * record Retry(@ConfigBinder.Range(min = 1, max = 100) int attempts, Duration backoff,
 *              @ConfigBinder.Bytes long maxPayload, Mode mode, List<String> on) {}
 *
 * ConfigBinder<Retry> binder = ConfigBinder.of(Retry.class, "the retry config");
 * Retry retry = binder.bind(config.get("retry"), new Retry(3, Duration.ofSeconds(1), 1 << 20, Mode.FIXED, List.of()));
 * }</pre>
 *
 * <p><b>Keys</b> are the snake_case of the component names ({@code maxPayload} is
 * {@code max_payload}); a key that is absent or {@code null} ({@code key: ~}) takes the value of
 * the defaults instance. <b>Values</b>:
 * <ul>
 *   <li>{@code String}: a string; {@code char}: a one-character string.</li>
 *   <li>{@code int}, {@code long}: an integer, within {@link Range} when annotated.
 *       {@code boolean}: {@code true} or {@code false} only. {@code double}: any number. A string
 *       (what {@code ${env:PORT}} gives) is read as YAML would read it unquoted.</li>
 *   <li>an enum: the constant's name in lower case, {@code IO_THREAD} as {@code io_thread}.</li>
 *   <li>{@link java.time.Duration}: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601
 *       ({@code PT5S}), or a bare integer of seconds; never negative.</li>
 *   <li>{@code long} or {@code int} with {@link Bytes}: {@code 1048576}, {@code 512KiB},
 *       {@code 1MiB}, {@code 1MB}, {@code 2GiB} (B, KB, KiB, MB, MiB, GB, GiB); never negative.</li>
 *   <li>{@link ConfigValue}, {@link ConfigMap}, {@link ConfigList}, {@link ConfigScalar}: the
 *       value as written, unconverted and with its location (for arguments bound later, such as a
 *       user class's record).</li>
 *   <li>{@code List<X>}: a list; for scalar items also a comma-separated string.
 *       {@code Map<String, X>}: a mapping, in file order. {@code Optional<X>}: empty when absent.</li>
 *   <li>{@link ConfigValue}: any value, kept as written with its locations, for the caller to check
 *       (a sweep's grid, whose keys are parameter paths only a compiled session can check).</li>
 *   <li>a nested record: a mapping, bound over the default's value of that component. When that
 *       value is null (or the record sits in a list or map), its keys have no defaults: each is
 *       required unless its type is Optional, List or Map.</li>
 * </ul>
 *
 * <p><b>Errors</b> are {@link ConfigException}s: an unknown key at the key ("unknown key 'prot' in
 * the server config. Known keys: ... Did you mean 'port'?"); a wrong value at the value, as a
 * {@link ConfigValueException} ("port must be an integer from 0 to 65535, got 'http'"); an
 * {@link IllegalArgumentException} thrown by the record's canonical constructor at the section
 * ("the server config is invalid: host must not be empty"). Nested keys are named by their path
 * ({@code auth.bearer_token_credentials}, {@code pipelines[1]}), nested sections by theirs
 * ("unknown key 'tokn' in auth of the server config").
 *
 * <p>A binder is immutable and thread-safe; {@link #of} does the reflection once.
 *
 * @param <T> the record type
 */
public final class ConfigBinder<T extends Record> {
    private final RecordBinding<T> binding;
    private final String what;

    private ConfigBinder(RecordBinding<T> binding, String what) {
        this.binding = binding;
        this.what = what;
    }

    /**
     * The binder of {@code type}. Records may be private: their constructor and accessors are
     * opened for reading.
     *
     * @param what what a section is called in messages, e.g. "the server config"
     * @throws IllegalArgumentException when a component's type is not supported, or an annotation
     *                                  does not fit its component
     */
    public static <T extends Record> ConfigBinder<T> of(Class<T> type, String what) {
        Objects.requireNonNull(what, "what");
        return new ConfigBinder<>(RecordBinding.of(type, new HashSet<>()), what);
    }

    /**
     * The record of the keys in {@code section} over {@code defaults}.
     *
     * @param section  a mapping ({@code null} — {@code key: ~} — counts as an empty one)
     * @param defaults the values of absent keys; {@code null} for none, which makes every key
     *                 required but those of Optional, List and Map components
     * @throws ConfigException for an unknown key, a wrong or missing value
     *                         ({@link ConfigValueException}), or a record that refuses its values
     */
    public T bind(ConfigValue section, T defaults) {
        ConfigMap map;
        if (section instanceof ConfigMap m) {
            map = m;
        } else if (section instanceof ConfigScalar s && s.value() == null) {
            map = ConfigMap.empty(s.location());
        } else {
            throw new ConfigException(section.location(), what + " must be a mapping, got "
                    + ConfigValueException.show(section), "");
        }
        return binding.bind(map, defaults, KeyPath.root(what), "");
    }

    /** The keys a section may have, in the order of the record's components (for docs and help). */
    public List<String> keys() {
        return binding.keys();
    }

    /**
     * What {@code key}'s value must be, as error messages say it ("an integer from 0 to 65535",
     * "a duration such as 500ms, 5s, 2m or PT5S").
     *
     * @throws IllegalArgumentException for a key the record does not have
     */
    public String expected(String key) {
        String expected = binding.expected(key);
        if (expected == null) {
            throw new IllegalArgumentException("no key '" + key + "' in " + what + "; keys: " + keys());
        }
        return expected;
    }

    /** What a section is called in messages. */
    public String what() {
        return what;
    }

    /**
     * One value converted as a record component of {@code type} without annotations would be: a
     * String, int, long, boolean, double, char, enum, Duration or record (bound without defaults).
     * For callers that read keys one by one, so that they agree with binders on what each type is.
     *
     * @param key the key the value was written under, for messages
     * @return the value, or {@code null} for a null scalar
     * @throws ConfigValueException when the value is not of that type
     */
    @SuppressWarnings("unchecked")  // the converter of type returns type's (boxed) values
    public static <V> V convert(ConfigValue value, Class<V> type, String key) {
        if (value instanceof ConfigScalar s && s.value() == null) {
            return null;
        }
        Converter converter = Converters.of(type, Converters.Hints.NONE, new HashSet<>());
        return (V) converter.convert(value, new KeyPath(key, ""), null);
    }

    /**
     * A list whose items are converted as {@link #convert} does: a YAML list, or for scalar items
     * a comma-separated string.
     *
     * @return the items, unmodifiable; empty for a null scalar
     * @throws ConfigValueException naming the item ({@code key[2]}) that is not of {@code itemType}
     */
    @SuppressWarnings("unchecked")  // as for convert
    public static <V> List<V> convertList(ConfigValue value, Class<V> itemType, String key) {
        if (value instanceof ConfigScalar s && s.value() == null) {
            return List.of();
        }
        Converter items = Converters.of(itemType, Converters.Hints.NONE, new HashSet<>());
        return (List<V>) new Converter.ListOf(items, "").convert(value, new KeyPath(key, ""), null);
    }

    /**
     * Bounds an {@code int} or {@code long} component (or the integers inside a List, Map or
     * Optional component): values outside are errors that say the range.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Range {
        /** The smallest value accepted. */
        long min() default Long.MIN_VALUE;

        /** The largest value accepted. */
        long max() default Long.MAX_VALUE;
    }

    /**
     * Makes a {@code long} or {@code int} component a number of bytes, written as {@code 1048576},
     * {@code 512KiB}, {@code 1MiB}, {@code 1MB} or {@code 2GiB}. Never negative; combine with
     * {@link Range} for other bounds.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Bytes {
    }

    /**
     * A sentence added to every error about the component's value, e.g. an example
     * ({@code "Example: auth: {bearer_token_credentials: api_token}"}) or what the choices mean.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Fix {
        /** The sentence, added as written after the problem. */
        String value();
    }
}
