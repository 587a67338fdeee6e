package io.sluice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The spellings of plug-in types found through {@link java.util.ServiceLoader} (dataset, engine,
 * runner and launcher types): each type's short name and its aliases. Two different classes
 * claiming one spelling is an error naming both, since which one a config file meant would
 * depend on the class path's order.
 */
public final class PluginNames {
    private PluginNames() {
    }

    /**
     * Every spelling of {@code types} (name first, then aliases) to its type, in that order.
     *
     * @param kind  what the types are, for the message: {@code runner type}
     * @param error builds the exception for a spelling claimed twice
     */
    public static <T> Map<String, T> bySpelling(Iterable<? extends T> types, Function<T, String> name,
                                                Function<T, List<String>> aliases, String kind,
                                                Function<String, RuntimeException> error) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T t : types) {
            List<String> spellings = new ArrayList<>(aliases.apply(t));
            spellings.add(0, name.apply(t));
            for (String s : spellings) {
                T previous = out.putIfAbsent(s, t);
                if (previous != null && previous.getClass() != t.getClass()) {
                    throw error.apply(kind + " '" + s + "' is claimed by both " + previous.getClass().getName()
                            + " and " + t.getClass().getName() + ". Remove one of them from the class path or rename "
                            + "one.");
                }
            }
        }
        return out;
    }
}
