package io.sluice.test;

/**
 * How a {@code sluice} command ended.
 *
 * @param exitCode the exit code (0 for success)
 * @param out      what it printed on standard output
 * @param err      what it printed on standard error (logs, errors, the resume command)
 */
public record CommandResult(int exitCode, String out, String err) {
}
