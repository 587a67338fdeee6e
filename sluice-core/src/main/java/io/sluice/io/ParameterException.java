package io.sluice.io;

import io.sluice.SluiceException;

/** Base of errors about parameters ({@code params:} inputs and their overrides). */
public class ParameterException extends SluiceException {
    public ParameterException(String message) {
        super(message);
    }

    public ParameterException(String message, Throwable cause) {
        super(message, cause);
    }
}
