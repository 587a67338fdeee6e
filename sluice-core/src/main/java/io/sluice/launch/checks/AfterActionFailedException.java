package io.sluice.launch.checks;

import io.sluice.SluiceException;

/**
 * An after-action of a {@code checks} launcher failed after the wrapped run(s) succeeded. The
 * runs' own outcome (journal, outputs) stays as it was; the message names the runs and each
 * failed action, and each action's error is a suppressed exception. When a run failed, that run's
 * exception is thrown instead, with the after-action failures added to it as suppressed.
 */
public final class AfterActionFailedException extends SluiceException {
    AfterActionFailedException(String message) {
        super(message);
    }
}
