package io.sluice.lease;

/** How a run uses a piece of persisted data for its whole duration. */
public enum LeaseMode {
    /** It only reads it: other readers may hold it at the same time, writers wait. */
    SHARED,
    /** It writes it (and may read it back): nobody else holds it meanwhile. */
    EXCLUSIVE
}
