package io.sluice.deploy;

/**
 * Whether deployed files match what an export would write now.
 *
 * @param upToDate whether they do
 * @param reason   why not (the structure hash differs, which files differ or are missing), or "up to date"
 */
public record Staleness(boolean upToDate, String reason) {
}
