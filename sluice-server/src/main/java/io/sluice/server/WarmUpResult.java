package io.sluice.server;

import java.time.Duration;

/**
 * How the warm-up of one exposed pipeline went ({@link SluiceServer#warmUp()}): the run requests
 * answered, how many of those did not succeed, and the time taken; or why the pipeline was not
 * warmed up at all.
 *
 * @param pipeline         the pipeline
 * @param requests         warm-up requests answered
 * @param failed           of those, the ones not answered 200 (a node that throws on a synthetic
 *                         input, a run that would not stay in memory…)
 * @param took             from the first request to the last answer
 * @param timeLimitReached whether {@code warmup.time_limit} stopped it before all its requests ran
 * @param notWarmedUp      why no request was sent, or {@code null} when some were
 * @param firstFailure     the error answered to the first failed request, or {@code null}
 */
public record WarmUpResult(String pipeline, int requests, int failed, Duration took, boolean timeLimitReached,
                           String notWarmedUp, String firstFailure) {

    /** A pipeline that was not warmed up, and why. */
    static WarmUpResult skipped(String pipeline, String why) {
        return new WarmUpResult(pipeline, 0, 0, Duration.ZERO, false, why, null);
    }

    /** The line logged for it. */
    String describe() {
        if (notWarmedUp != null) {
            return "Pipeline '" + pipeline + "' not warmed up: " + notWarmedUp;
        }
        return "Warm-up of pipeline '" + pipeline + "': " + requests + " requests in " + took.toMillis() + " ms, "
                + failed + " failed" + (firstFailure == null ? "" : " (first: " + firstFailure + ")")
                + (timeLimitReached ? "; stopped by warmup.time_limit" : "");
    }
}
