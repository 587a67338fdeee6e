package io.sluice.launch;

import io.sluice.config.Location;
import java.util.Objects;

/**
 * What a {@link LauncherType} sees of its {@code runners.yml} entry.
 *
 * @param name     the entry's name ({@code tuning})
 * @param type     its {@code launcher:} as written
 * @param location where the entry is declared
 * @param wraps    the name of the entry it runs through
 * @param args     the entry's arguments, bound
 * @param <C>      the record of the arguments
 */
public record LauncherConfig<C extends Record>(String name, String type, Location location, String wraps, C args) {
    public LauncherConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(wraps, "wraps");
        Objects.requireNonNull(args, "args");
    }
}
