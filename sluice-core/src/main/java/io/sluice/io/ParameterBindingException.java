package io.sluice.io;

/**
 * A parameter's value cannot be converted to the type its consumer declares (a record field that
 * expects a number gets a string, an unknown field, a list where a map is expected).
 */
public class ParameterBindingException extends ParameterException {
    public ParameterBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
