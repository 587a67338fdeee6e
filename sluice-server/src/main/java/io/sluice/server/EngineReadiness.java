package io.sluice.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineHealth;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@code GET /ready} that asks the backends: the engines the exposed pipelines use
 * (their nodes' {@code engine:} inputs and their datasets' {@code engine:} keys) are pinged, all
 * at once, each within {@link #TIMEOUT}; one that does not answer makes the server not ready.
 *
 * <p>The answer names the engines that are down but not why: {@code /ready} needs no token, and
 * the reasons (host names, users) are for the operator, who finds them in the log, masked like
 * every engine message.
 */
final class EngineReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(EngineReadiness.class);
    /** How long a probe waits for each engine. Kubernetes probes time out after 1 s by default. */
    static final Duration TIMEOUT = Duration.ofMillis(900);

    private final EngineCatalog engines;
    private final List<String> names;

    EngineReadiness(EngineCatalog engines, Set<String> names) {
        this.engines = engines;
        this.names = List.copyOf(names);
    }

    /** Whether there is nothing to ping (the probe then answers from the IO thread). */
    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The engines pinged, sorted. */
    List<String> names() {
        return names;
    }

    /**
     * Pings every engine; {@code null} when all are up, else the body of a 503 naming those that
     * are down. Blocks up to {@link #TIMEOUT}: never call it on an IO thread.
     */
    ObjectNode down() {
        List<EngineHealth> health = engines.ping(names, TIMEOUT);
        List<EngineHealth> down = health.stream().filter(h -> !h.up()).toList();
        if (down.isEmpty()) {
            return null;
        }
        ObjectNode body = Json.object();
        body.put("status", "engine_unavailable");
        ArrayNode list = body.putArray("engines");
        for (EngineHealth h : down) {
            list.add(h.engine());
            LOG.warn("Not ready: {}", h);
        }
        body.put("error", "engine" + (down.size() == 1 ? " " : "s ") + String.join(", ",
                down.stream().map(h -> "'" + h.engine() + "'").toList()) + " did not answer; see the server log");
        return body;
    }
}
