package io.sluice.launch.sweep;

import io.sluice.SluiceException;
import java.util.List;
import java.util.Map;

/**
 * Some runs of a sweep failed. Thrown after every other set ran (or, with {@code fail_fast}, after
 * the runs in progress ended) and after the summary was printed and saved; the message lists each
 * failed parameter set with its run id.
 */
public final class SweepFailedException extends SluiceException {
    private final transient List<Failure> failures;

    SweepFailedException(String message, List<Failure> failures) {
        super(message);
        this.failures = List.copyOf(failures);
    }

    /** The failed parameter sets, in grid order. */
    public List<Failure> failures() {
        return failures;
    }

    /**
     * One failed parameter set.
     *
     * @param params the parameter overrides by dotted path
     * @param runId  the failed run's id, or null when it failed before a run started
     * @param error  why it failed
     */
    public record Failure(Map<String, Object> params, String runId, String error) {
    }
}
