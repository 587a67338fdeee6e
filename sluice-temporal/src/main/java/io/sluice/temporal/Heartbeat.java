package io.sluice.temporal;

/**
 * The details of a group's heartbeat: which group, on which worker, how far.
 *
 * @param group     the group id
 * @param worker    the worker's identity
 * @param attempt   the attempt
 * @param nodesDone nodes completed so far
 * @param lastNode  the last node completed, or {@code null}
 */
public record Heartbeat(String group, String worker, int attempt, int nodesDone, String lastNode) {
}
