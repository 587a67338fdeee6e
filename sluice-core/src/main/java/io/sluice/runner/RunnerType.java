package io.sluice.runner;

import java.util.List;

/**
 * A kind of runner that {@code runners.yml} entries name by a short {@code type:}
 * ({@code sequential}, {@code parallel}). Modules contribute types through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.sluice.runner.RunnerType}.
 *
 * <p>The entry's keys other than {@code type}, {@code retry} and {@code timeout} are bound to
 * {@link #configType()} by {@link io.sluice.config.ConfigBinder} over {@link #defaults()}: an
 * unknown key or a wrong value is an error at its {@code file:line:column} with a "did you mean".
 *
 * <p>A user runner does not need a {@code RunnerType}: {@code type:} may also be the fully
 * qualified name of a public class implementing {@link Runner} with a public constructor taking
 * one record (its config, bound from the entry's keys, every key required unless Optional, List
 * or Map) or taking no argument (then the entry may have no other keys).
 *
 * @param <C> the record the entry's arguments bind to
 */
public interface RunnerType<C extends Record> {

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
     * Builds the runner of one entry. Called once when the session compiles (and again for a run
     * that asks for other {@code --max-workers}); the runner serves every run of the session.
     */
    Runner create(RunnerConfig<C> config);
}
