package io.sluice.run;

import java.util.Locale;

/** What became of one node in a run. */
public enum NodeState {
    /** It ran and its outputs were saved. */
    COMPLETED,
    /** It, or the load or save of its data, failed. */
    FAILED,
    /** It was running when the run was cancelled, and stopped (its function was interrupted). */
    CANCELLED,
    /** It did not start: an earlier node failed, or the run was cancelled or interrupted first. */
    NOT_RUN;

    /** The name in JSON and tables: {@code not_run}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a JSON name, as {@link #jsonName()} writes it. */
    public static NodeState ofJsonName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
