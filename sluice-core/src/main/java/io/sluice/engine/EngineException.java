package io.sluice.engine;

import io.sluice.SluiceException;

/**
 * An engine failed at run time: its client could not be created (an unreachable backend, a
 * refused login), or it was used after its session closed. The message names the engine, where
 * it is declared and the fix; it and its causes are masked (see {@link Engine#mask(String)}), so
 * no secret reaches a log, a journal or an HTTP answer through it.
 */
public final class EngineException extends SluiceException {
    private final String engine;

    EngineException(String engine, String message, Throwable cause) {
        super(message, cause);
        this.engine = engine;
    }

    /** The name of the engine that failed. */
    public String engine() {
        return engine;
    }
}
