package io.sluice.temporal;

/**
 * The details a worker attaches to a failed attempt of a group.
 *
 * @param group   the group id
 * @param worker  the worker's identity
 * @param attempt the attempt that failed
 * @param node    the node that failed, or {@code null} when the group could not start
 */
public record GroupFailure(String group, String worker, int attempt, String node) {
}
