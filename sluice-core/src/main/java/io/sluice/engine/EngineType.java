package io.sluice.engine;

import java.util.List;

/**
 * A kind of engine that {@code engines.yml} entries name by a short {@code type:} ({@code jdbc}).
 * Modules contribute types through {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.sluice.engine.EngineType}.
 *
 * <p>A user engine does not need an {@code EngineType}: {@code type:} may also be the fully
 * qualified name of a public class extending {@link Engine} with a public constructor taking an
 * {@link EngineConfig}.
 */
public interface EngineType {

    /** The short name written in {@code engines.yml}; unique across the class path. */
    String name();

    /** Other accepted spellings. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * Builds an engine from its entry. Read (bind) every key here, so that a wrong key fails the
     * session's compile; do not connect: the client is made on the engine's first {@code get()}.
     */
    Engine<?> create(EngineConfig config);
}
