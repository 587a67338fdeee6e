package io.sluice.io;

/**
 * A {@code params:a.b} input names a path that is not in the parameters. The message lists the
 * keys available where the lookup failed and says how to add the missing one.
 */
public class ParameterNotFoundException extends ParameterException {
    public ParameterNotFoundException(String message) {
        super(message);
    }
}
