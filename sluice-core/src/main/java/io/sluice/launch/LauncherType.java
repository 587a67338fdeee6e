package io.sluice.launch;

import java.util.List;

/**
 * A kind of launcher that {@code runners.yml} entries name by a short {@code launcher:}
 * ({@code sweep}, {@code checks}, {@code serve}). Modules contribute types through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.sluice.launch.LauncherType}.
 *
 * <p>The entry's keys other than {@code launcher} and {@code wraps} are bound to
 * {@link #configType()} by {@link io.sluice.config.ConfigBinder} over {@link #defaults()}: an
 * unknown key or a wrong value is an error at its {@code file:line:column} with a "did you mean".
 *
 * <p>A user launcher does not need a {@code LauncherType}: {@code launcher:} may also be the fully
 * qualified name of a public class implementing {@link Launcher} with a public constructor taking
 * one record (its config) or no argument.
 *
 * @param <C> the record the entry's arguments bind to
 */
public interface LauncherType<C extends Record> {

    /** The short name written in {@code runners.yml}; unique across the class path. */
    String name();

    /** Other accepted spellings. */
    default List<String> aliases() {
        return List.of();
    }

    /** The record the entry's arguments bind to. */
    Class<C> configType();

    /** The values of the keys an entry leaves out. */
    C defaults();

    /**
     * Rewrites shorthands among an entry's arguments (such as {@code warmup: false}) into the one
     * shape {@link #configType()} binds, keeping every value's location. Default: as written.
     */
    default io.sluice.config.ConfigMap normalize(io.sluice.config.ConfigMap args) {
        return args;
    }

    /**
     * Whether an entry of this type may wrap another launcher. A type that runs one run per
     * request through a runner (serving) answers false, and an entry of it wrapping a launcher is
     * refused when the catalog is built, at the entry.
     */
    default boolean wrapsLaunchers() {
        return true;
    }

    /**
     * Checks what binding cannot (values that depend on each other) and builds the launcher of one
     * entry, once per session.
     *
     * @throws io.sluice.runner.RunnerConfigException naming the entry's location and the fix
     */
    Launcher create(LauncherConfig<C> config);
}
