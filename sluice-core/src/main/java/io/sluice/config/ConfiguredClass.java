package io.sluice.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.BiFunction;

/**
 * Creates a user class named in a config file ({@code type: com.acme.MyRunner}) from the entry's
 * other keys: its public constructor taking one record gets the keys bound to that record by
 * {@link ConfigBinder} (every key required unless Optional, List or Map); else its public
 * no-argument constructor is used and the entry may have no other keys. Every failure is an
 * error at the entry's {@code file:line:column} that says the fix.
 *
 * @param instance the object created
 * @param args     the bound record, or {@code null} for a no-argument constructor
 * @param <T>      the interface the class must implement
 */
public record ConfiguredClass<T>(T instance, Record args) {

    /**
     * What is being created, for the messages.
     *
     * @param kind    {@code runner}, {@code launcher}
     * @param name    the entry's name
     * @param subject the start of each message: {@code conf/base/runners.yml:3:9: runner 'x' has type 'com.acme.X'}
     * @param at      where the entry is declared
     * @param error   builds the exception thrown (message, cause)
     */
    public record Entry(String kind, String name, String subject, Location at,
                        BiFunction<String, Throwable, RuntimeException> error) {
    }

    /**
     * Loads {@code className} with {@code loader}, checks it implements {@code expected} and is a
     * public concrete class, binds {@code args} and creates it.
     */
    public static <T> ConfiguredClass<T> create(String className, Class<T> expected, ConfigMap args,
                                                ClassLoader loader, Entry entry) {
        Class<?> cls;
        try {
            cls = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw entry.error().apply(entry.subject() + ", but no class of that name is on the class path. Check the "
                    + "spelling and that the jar holding it is a dependency of the project.", null);
        }
        if (!expected.isAssignableFrom(cls)) {
            throw entry.error().apply(entry.subject() + ", but " + cls.getName() + " does not implement "
                    + expected.getName() + ".", null);
        }
        if (!Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers())) {
            throw entry.error().apply(entry.subject() + ", but " + cls.getName() + " is not a public concrete class.",
                    null);
        }
        Constructor<?> withConfig = null;
        Constructor<?> noArgs = null;
        for (Constructor<?> c : cls.getConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0].isRecord()) {
                withConfig = c;
            } else if (c.getParameterCount() == 0) {
                noArgs = c;
            }
        }
        Record bound = null;
        Constructor<?> chosen;
        Object[] ctorArgs;
        if (withConfig != null) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> configType = (Class<? extends Record>) withConfig.getParameterTypes()[0];
            try {
                bound = ConfigBinder.of(configType, entry.kind() + " '" + entry.name() + "' (type " + className + ")")
                        .bind(args, null);
            } catch (ConfigException e) {
                throw entry.error().apply(e.getMessage() + " Fix the entry.", e);
            }
            chosen = withConfig;
            ctorArgs = new Object[] {bound};
        } else if (noArgs != null) {
            if (!args.keys().isEmpty()) {
                String key = args.keys().iterator().next();
                throw entry.error().apply(args.keyLocation(key) + ": " + entry.kind() + " '" + entry.name() + "' (type "
                        + className + ") has unknown key '" + key + "': " + cls.getSimpleName() + " takes no arguments "
                        + "(its public constructor takes none). Remove it, or give the class a public constructor "
                        + "taking a record of its arguments.", null);
            }
            chosen = noArgs;
            ctorArgs = new Object[0];
        } else {
            throw entry.error().apply(entry.subject() + ", but " + cls.getName() + " has no public constructor taking "
                    + "a record (its config) or no argument. Add 'public " + cls.getSimpleName()
                    + "(MyConfig config)' with a record MyConfig of its arguments.", null);
        }
        try {
            return new ConfiguredClass<>(expected.cast(chosen.newInstance(ctorArgs)), bound);
        } catch (InvocationTargetException e) {
            throw entry.error().apply(entry.at() + ": " + entry.kind() + " '" + entry.name() + "': the constructor of "
                    + cls.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw entry.error().apply(entry.at() + ": cannot instantiate " + cls.getName() + ": " + e, e);
        }
    }
}
