package io.sluice.io;

/**
 * A required key is absent. Kept apart so that the catalog can report the likelier cause first:
 * a misspelt key ({@code fielpath}) makes {@code filepath} missing.
 */
final class MissingKeyException extends DatasetConfigException {
    MissingKeyException(String message) {
        super(message);
    }
}
