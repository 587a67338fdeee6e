package io.sluice.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record type as a config section: its components, their keys and converters, and its
 * canonical constructor. Reflection happens once, when the binding is built; binding a section
 * only converts values and calls the constructor. Immutable and thread-safe.
 */
final class RecordBinding<T extends Record> {
    /** One component: its key, how to read its value in a defaults instance, how to convert it. */
    private record Component(String key, Method accessor, Converter converter) {
        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            }
        }
    }

    private final Class<T> type;
    private final Constructor<T> constructor;
    private final List<Component> components;
    private final Map<String, Integer> indexByKey;
    private final List<String> keys;

    private RecordBinding(Class<T> type, Constructor<T> constructor, List<Component> components) {
        this.type = type;
        this.constructor = constructor;
        this.components = List.copyOf(components);
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            String key = components.get(i).key();
            if (index.put(key, i) != null) {
                throw new IllegalArgumentException(type.getName() + " has two components with the config key '" + key
                        + "'");
            }
            names.add(key);
        }
        this.indexByKey = Map.copyOf(index);
        this.keys = List.copyOf(names);
    }

    /**
     * The binding of {@code type}.
     *
     * @param enclosing the record types being built around this one (a record may not contain itself)
     * @throws IllegalArgumentException naming the component whose type cannot be bound
     */
    static <T extends Record> RecordBinding<T> of(Class<T> type, Set<Class<?>> enclosing) {
        if (!enclosing.add(type)) {
            throw new IllegalArgumentException(type.getName() + " contains itself; a config section is a finite tree");
        }
        try {
            RecordComponent[] rcs = type.getRecordComponents();
            List<Component> components = new ArrayList<>(rcs.length);
            Class<?>[] types = new Class<?>[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                RecordComponent rc = rcs[i];
                types[i] = rc.getType();
                Converter converter;
                try {
                    converter = Converters.of(rc.getGenericType(), Converters.Hints.of(rc), enclosing);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot bind " + type.getName() + "." + rc.getName() + ": "
                            + e.getMessage(), e);
                }
                Method accessor = rc.getAccessor();
                // Sections are often private records of the class that reads them.
                accessor.setAccessible(true);
                components.add(new Component(Names.snake(rc.getName()), accessor, converter));
            }
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new RecordBinding<>(type, constructor, components);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        } finally {
            enclosing.remove(type);
        }
    }

    /** The keys, in component order. */
    List<String> keys() {
        return keys;
    }

    /** What {@code key}'s value must be, or null for a key the record does not have. */
    String expected(String key) {
        Integer i = indexByKey.get(key);
        return i == null ? null : components.get(i).converter().expected();
    }

    /** {@link #bind} for a base that is known to be of this type (or null). */
    T bindUnchecked(ConfigMap section, Object base, KeyPath at, String fix) {
        return bind(section, type.cast(base), at, fix);
    }

    /**
     * A record of the keys in {@code section}, in file order, over {@code defaults}.
     *
     * @param defaults the values of absent keys; null when they have none (then a key is required
     *                 unless its type has an empty value: Optional, List, Map)
     * @param at       where this section is: the root, or a nested record's key
     * @param fix      the sentence added to a missing-key error (the {@code @Fix} of the component
     *                 holding this section)
     */
    T bind(ConfigMap section, T defaults, KeyPath at, String fix) {
        Object[] args = new Object[components.size()];
        boolean[] given = new boolean[args.length];
        for (String key : section.keys()) {
            Integer i = indexByKey.get(key);
            if (i == null) {
                throw new UnknownKey(key, section.keyLocation(key), keys).exception(at.where());
            }
            ConfigValue value = section.get(key);
            if (value instanceof ConfigScalar s && s.value() == null) {
                continue; // key: ~ means "not set", as in the catalog
            }
            Component c = components.get(i);
            args[i] = c.converter().convert(value, at.child(key), defaults == null ? null : c.read(defaults));
            given[i] = true;
        }
        for (int i = 0; i < args.length; i++) {
            if (given[i]) {
                continue;
            }
            Component c = components.get(i);
            args[i] = defaults != null ? c.read(defaults) : c.converter().absent();
            if (defaults == null && args[i] == null) {
                throw ConfigValueException.missing(section.location(), at.where(), at.child(c.key()).path(), c.key(),
                        c.converter().expected(), fix);
            }
        }
        return construct(args, section, at.where());
    }

    private T construct(Object[] args, ConfigMap section, String where) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                // The record's own validation: the message is the user's, the place is the section.
                String message = invalid.getMessage() == null ? invalid.toString() : invalid.getMessage();
                throw new ConfigException(section.location(), where + " is invalid: "
                        + (message.endsWith(".") ? message.substring(0, message.length() - 1) : message), "");
            }
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
