package io.sluice.spring;

import io.sluice.engine.EngineHealth;
import io.sluice.session.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator's {@code sluice} health: up when the session is compiled (which the bean's existence
 * proves) and open, and every engine of {@code engines.yml} answers its ping within
 * {@link #TIMEOUT}; down naming the engines that do not, or when the session is closed. Details:
 * project, environment, pipelines, and each engine's state and ping time (never its host or
 * credentials: the reasons are logged by the engines, masked).
 */
public class SluiceHealthIndicator extends AbstractHealthIndicator {
    /** How long each engine's ping may take; Kubernetes probes time out after 1 s by default. */
    public static final Duration TIMEOUT = Duration.ofMillis(900);

    private final Session session;

    public SluiceHealthIndicator(Session session) {
        super("Sluice health check failed");
        this.session = session;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("project", session.project().name())
                .withDetail("env", session.options().env())
                .withDetail("pipelines", List.copyOf(session.pipelineNames()));
        if (session.engines().isClosed()) {
            builder.down().withDetail("session", "closed");
            return;
        }
        List<EngineHealth> pinged = session.engines().ping(session.engines().names(), TIMEOUT);
        Map<String, Object> engines = new LinkedHashMap<>();
        boolean up = true;
        for (EngineHealth h : pinged) {
            engines.put(h.engine(), Map.of("type", h.type(), "status", h.up() ? "UP" : "DOWN",
                    "ping_ms", h.elapsed().toMillis()));
            up &= h.up();
        }
        builder.withDetail("engines", engines);
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
