package io.sluice.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a project's configuration is read from: a {@link ConfigSource} (where the folder with
 * {@code base/} and the environments is) and {@link ConfigOverrides} layered over it
 * ({@code --conf-json}).
 *
 * @param source    the config folder; {@code null} means the project's own {@code conf/}
 * @param overrides layered over base and the environment; {@code null} means none
 */
public record ConfigInput(ConfigSource source, ConfigOverrides overrides) {
    /** The project's own {@code conf/}, no overrides. */
    public static final ConfigInput PROJECT = new ConfigInput(null, null);

    public ConfigInput {
        overrides = Objects.requireNonNullElse(overrides, ConfigOverrides.none());
    }

    /** The source, {@code <projectDir>/conf} when none was given. */
    public ConfigSource sourceFor(Path projectDir) {
        return source != null ? source : ConfigSource.project(projectDir);
    }
}
