package io.sluice.server;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of refused requests by {@link Refusal}: one set for the server (requests that named no
 * served pipeline) and one in each pipeline's {@link RunMetrics}. Thread-safe; counting is one
 * {@link LongAdder} increment, and happens only on the way of a refusal.
 */
final class Refusals {
    private final LongAdder[] counts = new LongAdder[Refusal.values().length];

    Refusals() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts a refusal whose answer the caller sends itself. */
    void count(Refusal why) {
        counts[why.ordinal()].increment();
    }

    /** Counts the refusal and answers {@code {"error": message}} with its status. */
    void refuse(HttpServerExchange ex, Refusal why, String message) {
        count(why);
        Responses.error(ex, why.status, message);
    }

    /** The refusals counted for {@code why}. */
    long counted(Refusal why) {
        return counts[why.ordinal()].sum();
    }
}
