package io.sluice.launch.sweep;

import io.sluice.run.RunResult;
import java.util.Locale;
import java.util.Map;

/**
 * What became of one parameter set.
 *
 * @param set     the parameter set
 * @param state   succeeded, failed or skipped (not run: the launch was stopped, or fail_fast)
 * @param runId   the run's id; null when no run started
 * @param outputs the summary outputs as the run returned them; empty unless it succeeded
 * @param error   why it failed or was skipped, on one line; null when it succeeded
 * @param result  the run's result; null unless it succeeded
 */
record RunOutcome(ParamSet set, State state, String runId, Map<String, Object> outputs, String error,
                  RunResult result) {

    /** The state column's values. */
    enum State {
        SUCCEEDED, FAILED, SKIPPED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static RunOutcome succeeded(ParamSet set, RunResult result) {
        return new RunOutcome(set, State.SUCCEEDED, result.runId(), result.outputs(), null, result);
    }

    static RunOutcome failed(ParamSet set, String runId, String error) {
        return new RunOutcome(set, State.FAILED, runId, Map.of(), oneLine(error), null);
    }

    static RunOutcome skipped(ParamSet set, String why) {
        return new RunOutcome(set, State.SKIPPED, null, Map.of(), why, null);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
