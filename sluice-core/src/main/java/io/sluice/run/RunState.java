package io.sluice.run;

import java.util.Locale;

/**
 * Where a run is in its life. A run handle moves from {@link #PENDING} to {@link #RUNNING} to one
 * of the three ends; {@link #INTERRUPTED} is only ever read from a journal, for a run whose process
 * died before it could record an end.
 */
public enum RunState {
    /** Accepted, not started yet. */
    PENDING,
    /** Nodes are running. */
    RUNNING,
    /** Every selected node completed. */
    SUCCEEDED,
    /** A node failed, or the run could not start (bad selection, missing parameter…). */
    FAILED,
    /** Stopped on request before every node ran. */
    CANCELLED,
    /** The process running it died (a journal part without an end whose process is gone). */
    INTERRUPTED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this != PENDING && this != RUNNING;
    }

    /** The name in JSON and tables: {@code succeeded}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a JSON name, as {@link #jsonName()} writes it. */
    public static RunState ofJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
