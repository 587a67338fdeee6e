package io.sluice.launch;

import io.sluice.config.ConfigMap;
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
 * @param written  the same arguments as written (without {@code launcher} and {@code wraps}), each
 *                 at its location: for a type that layers them over another file, as
 *                 {@code serve} does over {@code server.yml}
 * @param <C>      the record of the arguments
 */
public record LauncherConfig<C extends Record>(String name, String type, Location location, String wraps, C args,
                                               ConfigMap written) {
    public LauncherConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(wraps, "wraps");
        Objects.requireNonNull(args, "args");
        written = written == null ? ConfigMap.empty(location) : written;
    }

    /** A config whose arguments were not written in a file (built in code): {@code written} is empty. */
    public LauncherConfig(String name, String type, Location location, String wraps, C args) {
        this(name, type, location, wraps, args, null);
    }
}
