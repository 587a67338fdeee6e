package io.sluice.engine;

import java.util.function.UnaryOperator;

/**
 * Copies of exceptions whose messages went through a mask: what an engine keeps as the cause of
 * its own exceptions, so that a driver repeating a password in its message cannot leak it
 * through a stack trace, a log line or a journal.
 */
final class Masking {
    private Masking() {
    }

    /** {@code e} and its causes as {@link MaskedException}s with masked messages and the same stack traces. */
    static Throwable copy(Throwable e, UnaryOperator<String> mask) {
        if (e == null) {
            return null;
        }
        MaskedException copy = new MaskedException(e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + mask.apply(e.getMessage())),
                e.getCause() == e ? null : copy(e.getCause(), mask));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** An exception standing in for another, whose class name begins its message. */
    static final class MaskedException extends RuntimeException {
        MaskedException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage(); // the original class name is already its first words
        }
    }
}
