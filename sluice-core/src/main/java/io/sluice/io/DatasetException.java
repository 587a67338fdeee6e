package io.sluice.io;

import io.sluice.SluiceException;

/**
 * A dataset could not be loaded, saved or built. The message names the dataset, its type, the
 * file or key involved and, where there is one, the fix.
 */
public class DatasetException extends SluiceException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
