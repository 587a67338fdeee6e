package io.sluice.io;

/**
 * The catalog configuration is wrong: an unknown key or type, a value of the wrong type, missing
 * credentials, a malformed factory pattern. Messages start with the {@code file:line:column} of
 * the offending key. When several entries are wrong, one exception reports all of them, one per
 * line, so a user fixes {@code catalog.yml} in one go.
 */
public class DatasetConfigException extends DatasetException {
    public DatasetConfigException(String message) {
        super(message);
    }

    public DatasetConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
