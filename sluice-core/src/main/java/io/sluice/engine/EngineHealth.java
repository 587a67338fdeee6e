package io.sluice.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of one {@link Engine#ping(Duration)}: whether the backend answered in time, how
 * long the check took, and if not why (masked: never a secret).
 *
 * @param engine  the engine's name
 * @param type    its type as written in {@code engines.yml}
 * @param up      whether the check passed within the timeout
 * @param elapsed how long the check took (the timeout, when it ran out)
 * @param problem why it failed, with the fix; empty when {@code up}
 */
public record EngineHealth(String engine, String type, boolean up, Duration elapsed, Optional<String> problem) {
    public EngineHealth {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(problem, "problem");
    }

    /** {@code warehouse (jdbc): up in 3 ms}, or {@code warehouse (jdbc): DOWN after 2000 ms: <why>}. */
    @Override
    public String toString() {
        return engine + " (" + type + "): " + (up ? "up in " : "DOWN after ") + elapsed.toMillis() + " ms"
                + problem.map(p -> ": " + p).orElse("");
    }
}
