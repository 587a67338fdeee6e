package io.sluice.lease;

import io.sluice.SluiceException;

/** A run asked for data another run holds, with the session set to refuse rather than wait. */
public class LeaseRefusedException extends SluiceException {
    public LeaseRefusedException(String message) {
        super(message);
    }
}
