package io.sluice.launch;

import io.sluice.SluiceException;

/**
 * A launcher declined to run: a check before the run failed (uncommitted changes, a missing
 * environment variable, a command that did not exit 0). Nothing ran. The message names the check,
 * what it found and the fix.
 */
public final class LaunchRefusedException extends SluiceException {
    public LaunchRefusedException(String message) {
        super(message);
    }
}
