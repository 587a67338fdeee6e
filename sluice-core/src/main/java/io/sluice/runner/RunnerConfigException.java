package io.sluice.runner;

import io.sluice.SluiceException;

/** A wrong {@code runners.yml} entry, an unknown runner name or type; the message says where and the fix. */
public final class RunnerConfigException extends SluiceException {
    public RunnerConfigException(String message) {
        super(message);
    }

    public RunnerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
