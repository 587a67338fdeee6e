package io.sluice.server;

/**
 * Where a server is in its life: what {@code GET /ready} answers, and whether runs are admitted
 * (only while {@link #READY}).
 */
enum Phase {
    /** Built, not listening yet. */
    NEW,
    /** Preparing the exposed pipelines' runs and opening the listener. */
    STARTING,
    /**
     * Listening, but answering only the server's own warm-up requests ({@code warmup} in
     * {@code server.yml}); clients' runs get 503.
     */
    WARMING_UP,
    /** Serving. */
    READY,
    /** Stopping: runs in progress finish, new ones get 503. */
    DRAINING,
    /** The listener is closed. */
    STOPPED
}
