package io.sluice.deploy;

import io.sluice.SluiceException;

/** Bad input to an export (unknown target, missing image, unknown group in deploy.yml): nothing is written. */
public final class ExportException extends SluiceException {
    ExportException(String message) {
        super(message);
    }
}
