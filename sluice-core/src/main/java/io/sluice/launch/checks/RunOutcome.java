package io.sluice.launch.checks;

import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the runs of one launch ended, as {@link AfterRun} actions and after-commands see it.
 *
 * @param launcher the launcher entry's name
 * @param spec     the spec asked for
 * @param env      the session's config environment
 * @param runs     the runs that succeeded, in the order they ended
 * @param failure  what the wrapped entry threw, if anything (a {@link RunFailedException} for a failed run)
 */
public record RunOutcome(String launcher, RunSpec spec, String env, List<RunResult> runs,
                         Optional<Exception> failure) {
    public RunOutcome {
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(env, "env");
        runs = List.copyOf(runs);
        Objects.requireNonNull(failure, "failure");
    }

    /** Whether every run succeeded. */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** {@code succeeded} or {@code failed}, as SLUICE_RUN_STATE says it. */
    public String state() {
        return succeeded() ? "succeeded" : "failed";
    }

    /** The ids of the runs made, in order, the failed one last. */
    public List<String> runIds() {
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.runId()));
        failure.filter(RunFailedException.class::isInstance)
                .map(e -> ((RunFailedException) e).runId())
                .filter(Objects::nonNull)
                .ifPresent(ids::add);
        return ids;
    }
}
