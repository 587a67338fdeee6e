package io.sluice.temporal;

/**
 * What a worker reports for a group that succeeded.
 *
 * @param group      the group id
 * @param worker     the worker's identity ({@code pid@host})
 * @param attempt    the attempt that succeeded (1 for the first)
 * @param nodes      how many nodes ran
 * @param durationMs how long the attempt took
 */
public record GroupOutcome(String group, String worker, int attempt, int nodes, long durationMs) {
}
