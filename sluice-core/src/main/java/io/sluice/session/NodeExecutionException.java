package io.sluice.session;

import io.sluice.SluiceException;

/** A node's function, or the load or save of one of its datasets, failed. */
final class NodeExecutionException extends SluiceException {
    NodeExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
