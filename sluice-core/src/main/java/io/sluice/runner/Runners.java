package io.sluice.runner;

import io.sluice.SluiceException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/** Creates runners from the names {@code sluice run --runner} accepts. */
public final class Runners {
    private Runners() {
    }

    /**
     * {@code sequential}, {@code parallel}, or the fully qualified name of a {@link Runner} class
     * with a public {@code (int maxWorkers)} or no-argument constructor.
     */
    public static Runner create(String name, int maxWorkers, ClassLoader loader) {
        switch (name) {
            case "sequential", "SequentialRunner":
                return new SequentialRunner();
            case "parallel", "ParallelRunner":
                return new ParallelRunner(maxWorkers);
            default:
                return custom(name, maxWorkers, loader);
        }
    }

    private static Runner custom(String className, int maxWorkers, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new SluiceException("Unknown runner '" + className + "'. Use 'sequential', 'parallel', or the fully "
                    + "qualified name of a class implementing io.sluice.runner.Runner on the project's class path.");
        }
        if (!Runner.class.isAssignableFrom(type)) {
            throw new SluiceException("Runner class " + className + " does not implement io.sluice.runner.Runner.");
        }
        try {
            try {
                Constructor<?> withWorkers = type.getConstructor(int.class);
                return (Runner) withWorkers.newInstance(maxWorkers);
            } catch (NoSuchMethodException e) {
                return (Runner) type.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw new SluiceException("Runner class " + className + " needs a public constructor taking no argument "
                    + "or (int maxWorkers).");
        } catch (InvocationTargetException e) {
            throw new SluiceException("Runner class " + className + " failed in its constructor: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SluiceException("Runner class " + className + " cannot be created: " + e, e);
        }
    }
}
