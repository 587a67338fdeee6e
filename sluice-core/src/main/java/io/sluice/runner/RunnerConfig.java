package io.sluice.runner;

import io.sluice.config.Location;
import java.util.Objects;

/**
 * What a {@link RunnerType} sees of its {@code runners.yml} entry.
 *
 * @param name       the entry's name ({@code default}, {@code parallel4})
 * @param type       its {@code type:} as written
 * @param location   where the entry is declared
 * @param args       the entry's arguments, bound
 * @param maxWorkers the run's {@code --max-workers}, or 0 when the run does not ask for a number
 *                   (a type with a thread count lets it override its own)
 * @param <C>        the record of the arguments
 */
public record RunnerConfig<C extends Record>(String name, String type, Location location, C args, int maxWorkers) {
    public RunnerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(args, "args");
    }
}
