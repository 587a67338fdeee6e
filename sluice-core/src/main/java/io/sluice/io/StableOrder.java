package io.sluice.io;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the files a dataset writes the same bytes in every JVM: maps and sets from
 * {@code Map.of}, {@code Set.of} and {@code copyOf} iterate in an order salted per JVM start, so a
 * node returning {@code Map.of("a", 1, "b", 2)} would write {@code {"b":2,"a":1}} in one run and
 * {@code {"a":1,"b":2}} in the next: different checksums, spurious "changed" versions and diffs.
 * Those collections are written in the order of their keys (elements) instead. Every other map
 * and collection keeps its own order: a {@code LinkedHashMap}'s insertion order is the user's
 * intent, and a {@code HashMap}'s order depends only on its keys and history, the same in every
 * JVM.
 */
public final class StableOrder {
    private StableOrder() {
    }

    /** A Jackson module applying this order; register it on every mapper that writes data. */
    public static Module module() {
        SimpleModule module = new SimpleModule("sluice-stable-order");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifyMapSerializer(SerializationConfig config, MapType type,
                    BeanDescription description, JsonSerializer<?> serializer) {
                return salted(type.getRawClass()) ? new StdDelegatingSerializer(new SortedMap()) : serializer;
            }

            @Override
            public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type,
                    BeanDescription description, JsonSerializer<?> serializer) {
                return salted(type.getRawClass()) && java.util.Set.class.isAssignableFrom(type.getRawClass())
                        ? new StdDelegatingSerializer(new SortedElements()) : serializer;
            }
        });
        return module;
    }

    /** Whether {@code type}'s iteration order is salted per JVM (the JDK's immutable maps and sets). */
    static boolean salted(Class<?> type) {
        return type.getName().startsWith("java.util.ImmutableCollections$");
    }

    /**
     * Keys of one class in their natural order (by text when not comparable); keys of different
     * classes grouped by class name, so the order stays total for mixed keys.
     */
    static final Comparator<Object> ORDER = (a, b) -> {
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        if (byClass != 0) {
            return byClass;
        }
        if (a instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) a;
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    };

    static final class SortedMap extends StdConverter<Map<?, ?>, Map<Object, Object>> {
        @Override
        public Map<Object, Object> convert(Map<?, ?> map) {
            List<Object> keys = new ArrayList<>(map.keySet());
            keys.sort(ORDER);
            Map<Object, Object> sorted = new LinkedHashMap<>();
            for (Object key : keys) {
                sorted.put(key, map.get(key));
            }
            return sorted;
        }
    }

    static final class SortedElements extends StdConverter<Collection<?>, List<Object>> {
        @Override
        public List<Object> convert(Collection<?> elements) {
            List<Object> sorted = new ArrayList<>(elements);
            sorted.sort(ORDER);
            return sorted;
        }
    }
}
