package io.sluice.datasets.http;

import io.sluice.SluiceException;
import java.util.OptionalInt;

/**
 * A request through an {@code http} engine failed: the server answered with an error status, or
 * gave no answer after every attempt the engine's retry policy allows. The message names the
 * engine, the method and URL (secrets masked), the status and the start of the answer's body, how
 * many attempts were made and what to check; it never holds a credential.
 */
public final class HttpApiException extends SluiceException {
    private final String engine;
    private final int status;
    private final int attempts;

    HttpApiException(String engine, int status, int attempts, String message, Throwable cause) {
        super(message, cause);
        this.engine = engine;
        this.status = status;
        this.attempts = attempts;
    }

    /** The name of the engine the request went through. */
    public String engine() {
        return engine;
    }

    /** The status of the last answer; empty when no answer came (connection failure, timeout). */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** How many times the request was sent. */
    public int attempts() {
        return attempts;
    }
}
