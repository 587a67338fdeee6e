package io.sluice;

/**
 * Base of every error Sluice reports to users. Messages name the thing, the place (file:line for
 * config) and the fix; the CLI prints the message without a stack trace.
 */
public class SluiceException extends RuntimeException {
    public SluiceException(String message) {
        super(message);
    }

    public SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
