package io.sluice.io;

import io.sluice.PluginNames;
import io.sluice.SluiceModules;
import io.sluice.Suggestions;
import io.sluice.config.Location;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry behind {@code type:}: built-in short names, short names contributed through
 * {@link ServiceLoader}, and fully qualified class names of user datasets.
 */
final class DatasetTypes {

    /** The resolved type of an entry: its canonical name and how to build it. */
    record Resolved(String name, Function<DatasetConfig, Dataset<?>> factory) {
    }

    private final Map<String, DatasetType> byName;
    private final Map<String, DatasetType> byAlias;
    private final ClassLoader classLoader;

    private DatasetTypes(List<DatasetType> types, ClassLoader classLoader) {
        this.classLoader = classLoader;
        Map<String, DatasetType> names = new TreeMap<>();
        Map<String, DatasetType> aliases = new LinkedHashMap<>();
        PluginNames.bySpelling(types, DatasetType::name, DatasetType::aliases, "dataset type",
                DatasetConfigException::new); // two classes claiming one spelling fail here
        for (DatasetType t : types) {
            names.put(t.name(), t);
            t.aliases().forEach(a -> aliases.put(a, t));
        }
        this.byName = names;
        this.byAlias = aliases;
    }

    /** Built-ins plus every {@link DatasetType} visible to {@code loader}. */
    static DatasetTypes load(ClassLoader loader) {
        List<DatasetType> types = new ArrayList<>(builtIns());
        ServiceLoader.load(DatasetType.class, loader).forEach(types::add);
        return new DatasetTypes(types, loader);
    }

    static List<DatasetType> builtIns() {
        return List.of(
                new BuiltIn("memory", List.of("MemoryDataset"), MemoryDataset::new),
                new BuiltIn("text", List.of("TextDataset"), TextDataset::new),
                new BuiltIn("json", List.of("JSONDataset", "JsonDataset"), JsonDataset::new),
                new BuiltIn("csv", List.of("CSVDataset", "CsvDataset"), CsvDataset::new));
    }

    /** The canonical short name of {@code type} if it is a registered name or alias. */
    String canonical(String type) {
        DatasetType t = byName.containsKey(type) ? byName.get(type) : byAlias.get(type);
        return t == null ? null : t.name();
    }

    /**
     * Resolves {@code type} for dataset {@code dataset} declared at {@code location}.
     *
     * @throws DatasetConfigException for unknown short names, missing classes, classes that are
     *                                not datasets or lack a {@code (DatasetConfig)} constructor
     */
    Resolved resolve(String type, String dataset, Location location) {
        DatasetType t = byName.containsKey(type) ? byName.get(type) : byAlias.get(type);
        if (t != null) {
            return new Resolved(t.name(), t::create);
        }
        String subject = location + ": dataset '" + dataset + "' has type '" + type + "'";
        Optional<String> module = SluiceModules.forDatasetType(type);
        if (module.isPresent() && !SluiceModules.visible(type, classLoader)) {
            throw new DatasetConfigException(subject + ", which " + SluiceModules.missing(module.get()));
        }
        if (!type.contains(".")) {
            throw new DatasetConfigException(subject + ", which is not a known dataset type."
                    + suggestion(type) + " Known types: " + String.join(", ", byName.keySet())
                    + ". Or give the fully qualified name of a public class implementing io.sluice.io.Dataset"
                    + " with a public constructor (io.sluice.io.DatasetConfig).");
        }
        Class<?> cls;
        try {
            cls = Class.forName(type, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DatasetConfigException(subject + ", but no class of that name is on the class path."
                    + suggestion(type.substring(type.lastIndexOf('.') + 1))
                    + " Check the spelling and that the jar holding it is a dependency of the project.");
        }
        if (!Dataset.class.isAssignableFrom(cls)) {
            throw new DatasetConfigException(subject + ", but " + cls.getName()
                    + " does not implement io.sluice.io.Dataset. Implement it, or use a known type: "
                    + String.join(", ", byName.keySet()) + ".");
        }
        Constructor<?> constructor;
        try {
            constructor = cls.getConstructor(DatasetConfig.class);
        } catch (NoSuchMethodException e) {
            constructor = null;
        }
        if (constructor == null || !Modifier.isPublic(cls.getModifiers())
                || Modifier.isAbstract(cls.getModifiers())) {
            throw new DatasetConfigException(subject + ", but " + cls.getName()
                    + " is not a public concrete class with a public constructor taking io.sluice.io.DatasetConfig."
                    + " Add 'public " + cls.getSimpleName() + "(DatasetConfig config)'.");
        }
        Constructor<?> ctor = constructor;
        return new Resolved(cls.getName(), config -> instantiate(ctor, config));
    }


    private static Dataset<?> instantiate(Constructor<?> ctor, DatasetConfig config) {
        try {
            return (Dataset<?>) ctor.newInstance(config);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re && cause instanceof io.sluice.SluiceException) {
                throw re;
            }
            throw new DatasetConfigException(config.location() + ": " + config.configSubject()
                    + ": the constructor of " + ctor.getDeclaringClass().getName() + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new DatasetConfigException(config.location() + ": " + config.configSubject()
                    + ": cannot instantiate " + ctor.getDeclaringClass().getName() + ": " + e, e);
        }
    }

    private String suggestion(String word) {
        List<String> all = new ArrayList<>(byName.keySet());
        all.addAll(byAlias.keySet());
        return Suggestions.closest(word, all).map(c -> " Did you mean '" + canonical(c) + "'?").orElse("");
    }

    /** A built-in type backed by a constructor reference. */
    private record BuiltIn(String name, List<String> aliases, Function<DatasetConfig, Dataset<?>> factory)
            implements DatasetType {
        @Override
        public Dataset<?> create(DatasetConfig config) {
            return factory.apply(config);
        }
    }
}
