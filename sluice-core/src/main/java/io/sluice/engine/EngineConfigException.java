package io.sluice.engine;

import io.sluice.SluiceException;

/**
 * A wrong {@code engines.yml} entry, or a reference to an engine that does not exist or cannot
 * supply what is asked of it. The message starts with {@code file:line:column} when there is a
 * place to point at, names the engine and says the fix; several problems are one line each.
 */
public final class EngineConfigException extends SluiceException {
    /** @param message the full message, located and with its fix */
    public EngineConfigException(String message) {
        super(message);
    }

    /** @param message the full message; @param cause what failed underneath (never holding a secret) */
    public EngineConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
