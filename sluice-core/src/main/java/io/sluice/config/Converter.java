package io.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How values of one Java type are read from config values. Built once per record type by
 * {@link Converters}; immutable and thread-safe.
 */
sealed interface Converter {
    /**
     * The Java value written as {@code value} (not a null scalar when it stands for a key; a null
     * item of a list is an error), reported in messages as {@code key}.
     *
     * @param base what the value replaces, e.g. the default of a nested record; may be null
     * @throws ConfigValueException when the value is not what this type accepts
     * @throws ConfigException      for problems inside a nested record (unknown keys, validation)
     */
    Object convert(ConfigValue value, KeyPath key, Object base);

    /** What a value must be, for messages: "an integer from 0 to 65535", "a mapping". */
    String expected();

    /** The value of an absent key that nothing gives a default for; null when the key is then required. */
    default Object absent() {
        return null;
    }

    /** A single scalar, converted by one of {@link Scalars}' conversions. */
    record Scalar(String expected, String fix, Function<Object, Object> conversion) implements Converter {
        @Override
        public Object convert(ConfigValue value, KeyPath key, Object base) {
            if (value instanceof ConfigScalar s && s.value() != null) {
                try {
                    return conversion.apply(s.value());
                } catch (Scalars.Mismatch m) {
                    throw ConfigValueException.wrongValue(value, key.path(), m.expected, fix);
                }
            }
            throw ConfigValueException.wrongValue(value, key.path(), expected, fix);
        }
    }

    /**
     * A YAML list; for scalar items also a comma-separated string ({@code pipelines: a, b}), which
     * is what a list from {@code ${env:...}} looks like.
     */
    record ListOf(Converter item, String fix) implements Converter {
        @Override
        public Object convert(ConfigValue value, KeyPath key, Object base) {
            List<ConfigValue> items;
            if (value instanceof ConfigList list) {
                items = list.items();
            } else if (item instanceof Scalar && value instanceof ConfigScalar s && s.value() instanceof String text) {
                items = new ArrayList<>();
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        items.add(new ConfigScalar(value.location(), part.trim()));
                    }
                }
            } else {
                throw ConfigValueException.wrongValue(value, key.path(), expected(), fix);
            }
            List<Object> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(item.convert(items.get(i), key.item(i), null));
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public String expected() {
            return item instanceof Scalar ? "a list or a comma-separated string" : "a list";
        }

        @Override
        public Object absent() {
            return List.of();
        }
    }

    /** A YAML mapping with keys of the user's choosing, kept in file order. */
    record MapOf(Converter value, String fix) implements Converter {
        @Override
        public Object convert(ConfigValue mapping, KeyPath key, Object base) {
            if (!(mapping instanceof ConfigMap map)) {
                throw ConfigValueException.wrongValue(mapping, key.path(), expected(), fix);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : map.keys()) {
                out.put(k, value.convert(map.get(k), key.child(k), null));
            }
            return Collections.unmodifiableMap(out);
        }

        @Override
        public String expected() {
            return "a mapping";
        }

        @Override
        public Object absent() {
            return Map.of();
        }
    }

    /** An {@code Optional}: empty when absent, else the inner type's value. */
    record OptionalOf(Converter inner) implements Converter {
        @Override
        public Object convert(ConfigValue value, KeyPath key, Object base) {
            Object innerBase = base instanceof Optional<?> o ? o.orElse(null) : null;
            return Optional.of(inner.convert(value, key, innerBase));
        }

        @Override
        public String expected() {
            return inner.expected();
        }

        @Override
        public Object absent() {
            return Optional.empty();
        }
    }

    /** A nested record: a mapping bound over {@code base} (the default). */
    record Nested(RecordBinding<?> binding, String fix) implements Converter {
        @Override
        public Object convert(ConfigValue value, KeyPath key, Object base) {
            if (!(value instanceof ConfigMap map)) {
                throw ConfigValueException.wrongValue(value, key.path(), expected(), fix);
            }
            return binding.bindUnchecked(map, base, key, fix);
        }

        @Override
        public String expected() {
            return "a mapping";
        }
    }

    /**
     * A {@link ConfigValue} as written, any shape, with its locations: for sections whose keys
     * the user chooses and whose values are checked later against something binding cannot see
     * (a sweep's grid of parameter paths, checked against the session's parameters).
     */
    record Raw() implements Converter {
        static final Raw INSTANCE = new Raw();

        @Override
        public Object convert(ConfigValue value, KeyPath key, Object base) {
            return value;
        }

        @Override
        public String expected() {
            return "any value";
        }
    }
}
