package io.sluice.datasets.partitioned;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigScalar;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.DatasetType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Makes the dataset of one partition from the underlying entry plus the partition's
 * {@code filepath}.
 *
 * <p>The underlying entry is checked once, when the partitioned dataset is built, by building it
 * through a one-entry {@link DataCatalog}: the type resolves exactly as in {@code catalog.yml}
 * (built-in names, names from {@link ServiceLoader}, class names) and unknown keys are reported
 * with their location. Partitions are then made through the same {@link DatasetType} (or the
 * class's {@code (DatasetConfig)} constructor for class names and the core's built-in types),
 * without re-checking.
 */
final class PartitionFactory {
    private final DatasetConfig outer;
    private final String type;
    private final Map<String, Object> entry;
    private final Function<DatasetConfig, Dataset<?>> factory;

    private PartitionFactory(DatasetConfig outer, String type, Map<String, Object> entry,
                             Function<DatasetConfig, Dataset<?>> factory) {
        this.outer = outer;
        this.type = type;
        this.entry = entry;
        this.factory = factory;
    }

    /**
     * @param underlying the {@code dataset} mapping, with {@code type}
     * @param probeFile  a file inside the folder, to check the entry with
     */
    static PartitionFactory resolve(DatasetConfig outer, Map<String, Object> underlying, String probeFile) {
        String probeName = outer.name() + "[*]";
        Location at = outer.location("dataset");
        Map<String, Object> probe = new LinkedHashMap<>(underlying);
        probe.put("filepath", probeFile);
        ConfigMap catalog = new ConfigMap(at, Map.of(probeName, located(probe, at)), Map.of(probeName, at));
        String type;
        Dataset<?> prototype;
        // The probe is only looked at, never loaded, so its catalog's resources end here.
        try (DataCatalog checked = DataCatalog.fromConfig(catalog, null, outer.projectDir(), outer.engines())) {
            type = checked.resolve(probeName).type();
            prototype = checked.dataset(probeName);
        }
        Map<String, Object> entry = new LinkedHashMap<>(underlying);
        entry.remove("type");
        return new PartitionFactory(outer, type, entry, factoryFor(outer, type, prototype));
    }

    private static Function<DatasetConfig, Dataset<?>> factoryFor(DatasetConfig outer, String type,
                                                                  Dataset<?> prototype) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : PartitionFactory.class.getClassLoader();
        for (DatasetType t : ServiceLoader.load(DatasetType.class, loader)) {
            if (t.name().equals(type)) {
                return t::create;
            }
        }
        Constructor<?> constructor;
        try {
            constructor = prototype.getClass().getConstructor(DatasetConfig.class);
        } catch (NoSuchMethodException e) {
            throw new DatasetConfigException(outer.location("dataset") + ": " + outer.subject() + ": cannot make"
                    + " partitions of type " + type + ": " + prototype.getClass().getName() + " has no public"
                    + " constructor taking io.sluice.io.DatasetConfig.");
        }
        return config -> {
            try {
                return (Dataset<?>) constructor.newInstance(config);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new DatasetException(outer.subject() + ": cannot make a partition: " + e.getCause(), e);
            } catch (ReflectiveOperationException e) {
                throw new DatasetException(outer.subject() + ": cannot make a partition: " + e, e);
            }
        };
    }

    /**
     * The dataset of partition {@code id}, stored in {@code file}. It shares the partitioned
     * dataset's resources (its catalog's), so what it opens is closed with the session.
     */
    Dataset<?> create(String id, String file) {
        Map<String, Object> config = new LinkedHashMap<>(entry);
        config.put("filepath", file);
        return factory.apply(DatasetConfig.of(outer.name() + "[" + id + "]", type, config, outer.projectDir(),
                outer.resources(), outer.engines()));
    }

    /** {@code value} as a config tree, every node located at {@code at} (the outer entry's 'dataset' key). */
    private static ConfigValue located(Object value, Location at) {
        if (value instanceof Map<?, ?> m) {
            Map<String, ConfigValue> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                entries.put(String.valueOf(k), located(v, at));
                keys.put(String.valueOf(k), at);
            });
            return new ConfigMap(at, entries, keys);
        }
        if (value instanceof List<?> l) {
            List<ConfigValue> items = new ArrayList<>();
            l.forEach(item -> items.add(located(item, at)));
            return new ConfigList(at, items);
        }
        return new ConfigScalar(at, value);
    }
}
