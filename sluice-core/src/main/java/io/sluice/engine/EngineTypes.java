package io.sluice.engine;

import io.sluice.PluginNames;
import io.sluice.SluiceException;
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
 * The registry behind an engine's {@code type:}: short names contributed through
 * {@link ServiceLoader}, and fully qualified names of classes extending {@link Engine}.
 */
final class EngineTypes {
    private final Map<String, EngineType> byName = new TreeMap<>();
    private final Map<String, EngineType> byAlias = new LinkedHashMap<>();
    private final ClassLoader classLoader;

    private EngineTypes(List<EngineType> types, ClassLoader classLoader) {
        this.classLoader = classLoader;
        PluginNames.bySpelling(types, EngineType::name, EngineType::aliases, "engine type",
                EngineConfigException::new); // two classes claiming one spelling fail here
        for (EngineType t : types) {
            byName.put(t.name(), t);
            t.aliases().forEach(a -> byAlias.put(a, t));
        }
    }

    /** Every {@link EngineType} visible to {@code loader}. */
    static EngineTypes load(ClassLoader loader) {
        List<EngineType> types = new ArrayList<>();
        ServiceLoader.load(EngineType.class, loader).forEach(types::add);
        return new EngineTypes(types, loader);
    }


    /** The short names, sorted. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * How to build engine {@code engine} of type {@code type}, declared at {@code at}.
     *
     * @throws EngineConfigException for an unknown short name (with "did you mean" and the known
     *                               names), a missing class, or a class that is not an engine
     */
    Function<EngineConfig, Engine<?>> resolve(String type, String engine, Location at) {
        EngineType t = byName.containsKey(type) ? byName.get(type) : byAlias.get(type);
        if (t != null) {
            return t::create;
        }
        String subject = at + ": engine '" + engine + "' has type '" + type + "'";
        Optional<String> module = SluiceModules.forEngineType(type);
        if (module.isPresent() && !SluiceModules.visible(type, classLoader)) {
            throw new EngineConfigException(subject + ", which " + SluiceModules.missing(module.get()));
        }
        if (!type.contains(".")) {
            List<String> all = new ArrayList<>(byName.keySet());
            all.addAll(byAlias.keySet());
            throw new EngineConfigException(subject + ", which is not a known engine type."
                    + Suggestions.didYouMean(type, all) + " Known types: "
                    + (byName.isEmpty() ? "(none: add sluice-duckdb for 'jdbc', sluice-datasets for 'http')"
                            : String.join(", ", byName.keySet()))
                    + ". Or give the fully qualified name of a public class extending io.sluice.engine.Engine with a"
                    + " public constructor (io.sluice.engine.EngineConfig).");
        }
        Class<?> cls;
        try {
            cls = Class.forName(type, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EngineConfigException(subject + ", but no class of that name is on the class path. Check the "
                    + "spelling and that the jar holding it is a dependency of the project.");
        }
        if (!Engine.class.isAssignableFrom(cls)) {
            throw new EngineConfigException(subject + ", but " + cls.getName() + " does not extend "
                    + "io.sluice.engine.Engine. Extend it, or use a known type: " + String.join(", ", byName.keySet())
                    + ".");
        }
        Constructor<?> ctor;
        try {
            ctor = cls.getConstructor(EngineConfig.class);
        } catch (NoSuchMethodException e) {
            ctor = null;
        }
        if (ctor == null || !Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers())) {
            throw new EngineConfigException(subject + ", but " + cls.getName() + " is not a public concrete class "
                    + "with a public constructor taking io.sluice.engine.EngineConfig. Add 'public "
                    + cls.getSimpleName() + "(EngineConfig config)'.");
        }
        Constructor<?> c = ctor;
        return config -> {
            try {
                return (Engine<?>) c.newInstance(config);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SluiceException se) {
                    throw se;
                }
                throw new EngineConfigException(config.location() + ": " + config.subject() + ": the constructor of "
                        + cls.getName() + " failed: " + config.mask(String.valueOf(e.getCause())),
                        Masking.copy(e.getCause(), config::mask));
            } catch (ReflectiveOperationException e) {
                throw new EngineConfigException(config.location() + ": cannot instantiate " + cls.getName() + ": " + e,
                        e);
            }
        };
    }
}
