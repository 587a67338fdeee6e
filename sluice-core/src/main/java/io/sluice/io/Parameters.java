package io.sluice.io;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.sluice.Suggestions;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The project's parameters ({@code parameters.yml} merged across environments), immutable,
 * and how node inputs named {@code parameters} or {@code params:<dotted.path>} receive them.
 *
 * <p>{@link #raw} returns plain Java values (a fresh copy on every call, so a node cannot change
 * what another node sees); {@link #bind} converts them to the type the consumer declares with
 * Jackson: records, POJOs, maps, lists and scalars. Binding is strict: a field the type does not
 * declare is an error, as is a missing value for a primitive. Strings are converted to numbers
 * and booleans when they parse, since {@code --params} overrides arrive as text.
 */
public final class Parameters {
    /** The input name that receives every parameter as one map. */
    public static final String ALL = "parameters";
    /** The prefix of inputs that receive one parameter. */
    public static final String PREFIX = "params:";

    private static final Location RUNTIME = Location.of("runtime params");

    private final ConfigMap root;

    private Parameters(ConfigMap root) {
        this.root = root;
    }

    /** Parameters from a parsed {@code parameters.yml}. */
    public static Parameters fromConfig(ConfigMap parameters) {
        return new Parameters(Objects.requireNonNull(parameters, "parameters"));
    }

    /** Parameters from plain values (tests, embedding); their location is {@code code}. */
    public static Parameters of(Map<String, ?> values) {
        return new Parameters(ConfigValues.mapFromJava(values, Location.of("code")));
    }

    /** No parameters. */
    public static Parameters empty() {
        return new Parameters(ConfigMap.empty(Location.of("conf/base/parameters.yml")));
    }

    /** Whether a node input named {@code inputName} is a parameter. */
    public static boolean isParameterInput(String inputName) {
        return ALL.equals(inputName) || inputName.startsWith(PREFIX);
    }

    /** The raw value of {@code inputName}: the whole map for {@code parameters}. */
    public Object raw(String inputName) {
        return lookup(inputName).unwrap();
    }

    /** Where the value of {@code inputName} was written. */
    public Location location(String inputName) {
        return locationOf(inputName, lookup(inputName));
    }

    /** Every parameter as a plain, insertion-ordered map. */
    public Map<String, Object> asMap() {
        return root.unwrap();
    }

    /**
     * The value of {@code inputName} converted to {@code target}.
     *
     * @param consumer who receives it, for messages (e.g. "parameter 2 of node 'split_data'")
     * @throws ParameterNotFoundException when the path does not exist
     * @throws ParameterBindingException  when the value does not fit {@code target}
     */
    public Object bind(String inputName, Type target, String consumer) {
        ConfigValue value = lookup(inputName);
        Object raw = value.unwrap();
        if (target == null || target == Object.class || target instanceof TypeVariable<?>
                || target instanceof WildcardType) {
            return raw;
        }
        Class<?> rawClass = Jackson.box(Jackson.raw(target));
        if (target instanceof Class<?> && raw != null && rawClass.isInstance(raw)
                && !(raw instanceof Map) && !(raw instanceof Collection)) {
            return raw;
        }
        JavaType type = Jackson.PARAMS.getTypeFactory().constructType(target);
        try {
            Object converted = PlainConversion.convert(Jackson.PARAMS, raw, type);
            if (converted == null && Jackson.raw(target).isPrimitive()) {
                throw new IllegalArgumentException("null for primitive");
            }
            return converted;
        } catch (IllegalArgumentException e) {
            String why = reason(e, raw, target);
            throw new ParameterBindingException(inputName + " (" + locationOf(inputName, value)
                    + ") cannot be bound to " + consumer + " of type " + Jackson.display(target) + ": "
                    + why + (why.endsWith("?") ? " " : ". ") + "Fix the value or the type.", e);
        }
    }

    /**
     * A new instance with {@code overrides} applied: each key is a dotted path
     * ({@code model_options.test_size}) whose value replaces or adds the value there.
     *
     * @throws ParameterException when a path goes through a value that is not a mapping
     */
    public Parameters withOverrides(Map<String, ?> overrides) {
        ConfigMap result = root;
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            String[] path = e.getKey().split("\\.", -1);
            for (String segment : path) {
                if (segment.isEmpty()) {
                    throw new ParameterException("parameter override '" + e.getKey()
                            + "' has an empty path segment. Write it as a.b.c.");
                }
            }
            result = put(result, path, 0, e.getValue(), e.getKey());
        }
        return new Parameters(result);
    }

    private static ConfigMap put(ConfigMap map, String[] path, int index, Object value, String fullPath) {
        Map<String, ConfigValue> entries = new LinkedHashMap<>(map.entries());
        Map<String, Location> locations = new LinkedHashMap<>(map.keyLocations());
        String key = path[index];
        if (index == path.length - 1) {
            entries.put(key, ConfigValues.fromJava(value, RUNTIME));
            locations.put(key, RUNTIME);
        } else {
            ConfigValue child = entries.get(key);
            ConfigMap childMap;
            if (child == null || child instanceof ConfigScalar s && s.value() == null) {
                childMap = ConfigMap.empty(RUNTIME);
                locations.put(key, RUNTIME);
            } else if (child instanceof ConfigMap m) {
                childMap = m;
            } else {
                throw new ParameterException("parameter override '" + fullPath + "' goes through '"
                        + String.join(".", java.util.Arrays.copyOfRange(path, 0, index + 1)) + "' ("
                        + map.keyLocation(key) + "), which is " + ConfigValues.kind(child)
                        + ", not a mapping. Override '" + String.join(".",
                        java.util.Arrays.copyOfRange(path, 0, index + 1)) + "' itself instead.");
            }
            entries.put(key, put(childMap, path, index + 1, value, fullPath));
        }
        return new ConfigMap(map.location(), entries, locations);
    }

    private ConfigValue lookup(String inputName) {
        if (ALL.equals(inputName)) {
            return root;
        }
        if (!inputName.startsWith(PREFIX) || inputName.length() == PREFIX.length()) {
            throw new ParameterNotFoundException("'" + inputName + "' is not a parameter input; parameter inputs are"
                    + " named 'parameters' or 'params:<path>', e.g. 'params:model_options.test_size'.");
        }
        String path = inputName.substring(PREFIX.length());
        String[] segments = path.split("\\.", -1);
        ConfigValue current = root;
        Location currentAt = root.location();
        for (int i = 0; i < segments.length; i++) {
            String seen = String.join(".", java.util.Arrays.copyOfRange(segments, 0, i));
            if (!(current instanceof ConfigMap map)) {
                throw new ParameterNotFoundException("parameter '" + path + "' not found: '" + seen + "' ("
                        + currentAt + ") is " + ConfigValues.kind(current) + ", not a mapping. " + fix(path));
            }
            ConfigValue next = map.get(segments[i]);
            if (next == null) {
                String where = i == 0 ? "the parameters have" : "'" + seen + "' (" + currentAt + ") has";
                List<String> keys = new ArrayList<>(new TreeSet<>(map.keys()));
                throw new ParameterNotFoundException("parameter '" + path + "' not found: " + where + " no key '"
                        + segments[i] + "'. Available keys: " + (keys.isEmpty() ? "(none)" : String.join(", ", keys))
                        + "." + Suggestions.didYouMean(segments[i], keys) + " " + fix(path));
            }
            currentAt = map.keyLocation(segments[i]);
            current = next;
        }
        return current;
    }

    private static String fix(String path) {
        return "Add it to conf/base/parameters.yml or pass --params " + path + "=...";
    }

    /** The location of the key that holds the value, which is where users look. */
    private Location locationOf(String inputName, ConfigValue value) {
        if (ALL.equals(inputName)) {
            return root.location();
        }
        String[] segments = inputName.substring(PREFIX.length()).split("\\.", -1);
        ConfigValue current = root;
        Location at = value.location();
        for (String segment : segments) {
            ConfigMap map = (ConfigMap) current;
            at = map.keyLocation(segment);
            current = map.get(segment);
        }
        return at;
    }

    private static String reason(IllegalArgumentException e, Object raw, Type target) {
        if (!(e.getCause() instanceof JsonMappingException m)) {
            return "expects " + Jackson.expected(Jackson.raw(target)) + ", got " + ConfigValues.showScalar(raw);
        }
        String field = fieldPath(m);
        if (m instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(null);
            return "unknown field '" + field + "'" + (known.isEmpty() ? "" : " (known fields: "
                    + String.join(", ", known) + ")") + Suggestions.closest(u.getPropertyName(), known)
                    .map(c -> "; did you mean '" + c + "'?").orElse("");
        }
        Object offending = valueAt(raw, m);
        String expected = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                ? Jackson.expected(mi.getTargetType()) : "another value";
        String got = offending == MISSING ? "nothing (the key is missing)" : ConfigValues.showScalar(offending);
        return (field.isEmpty() ? "" : "field '" + field + "' ") + "expects " + expected + ", got " + got;
    }

    private static final Object MISSING = new Object();

    private static Object valueAt(Object raw, JsonMappingException m) {
        Object current = raw;
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null && current instanceof Map<?, ?> map) {
                if (!map.containsKey(ref.getFieldName())) {
                    return MISSING;
                }
                current = map.get(ref.getFieldName());
            } else if (ref.getIndex() >= 0 && current instanceof List<?> list && ref.getIndex() < list.size()) {
                current = list.get(ref.getIndex());
            } else {
                return MISSING;
            }
        }
        return current;
    }

    private static String fieldPath(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Parameters" + root.keys();
    }
}
