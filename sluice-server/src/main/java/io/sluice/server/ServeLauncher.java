package io.sluice.server;

import io.sluice.SluiceException;
import io.sluice.config.ConfigMap;
import io.sluice.config.Location;
import io.sluice.launch.Launch;
import io.sluice.launch.Launcher;
import io.sluice.project.Project;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Serves the launch's session over HTTP until its {@link Launch#stop() stop signal} fires, then
 * stops gracefully ({@link SluiceServer#close()}: runs in progress get {@code shutdown_grace}).
 * The server's config is {@code server.yml} with the entry's keys over it
 * ({@link ServerConfig#of(Session, ConfigMap)}); its runs go through the runner the entry wraps
 * ({@link Launch#runner()}) unless a request names another allowed one. The launch's parameters
 * ({@code --params}) apply to every served run, so each must be read by a served pipeline. Makes
 * no run of its own: returns an empty list.
 */
public final class ServeLauncher implements Launcher {
    private final ConfigMap args;
    private final UnaryOperator<ServerConfig> change;

    /** A launcher serving with {@code server.yml} alone (what {@code sluice serve} runs without a serve entry). */
    public ServeLauncher() {
        this(ConfigMap.empty(Location.of("sluice serve")));
    }

    ServeLauncher(ConfigMap args) {
        this(args, UnaryOperator.identity());
    }

    private ServeLauncher(ConfigMap args, UnaryOperator<ServerConfig> change) {
        this.args = args;
        this.change = change;
    }

    /** This launcher with {@code more} applied to its config last (command-line options over the entry). */
    public ServeLauncher overriding(UnaryOperator<ServerConfig> more) {
        return new ServeLauncher(args, c -> more.apply(change.apply(c)));
    }

    @Override
    public List<RunResult> launch(Launch launch) throws Exception {
        Session session = launch.session();
        ServerConfig config = change.apply(ServerConfig.of(session, args).withRunner(launch.runner()));
        checkParams(session, config.pipelines().isEmpty() ? List.copyOf(session.pipelineNames())
                : config.pipelines(), launch.spec().params());
        try (SluiceServer server = new SluiceServer(session, config).start()) { // close: graceful
            PrintWriter out = launch.out();
            out.println("Serving " + String.join(", ", server.pipelines()) + " on " + server.url()
                    + " (OpenAPI: " + server.url() + "/openapi.json). Stop with Ctrl-C or SIGTERM.");
            out.flush();
            launch.stop().await();
        }
        return List.of();
    }

    /**
     * Refuses a parameter path that no served pipeline and no config reads: it would apply to
     * every run and change none. Each path needs one pipeline that reads it; the error is the one
     * for {@code __default__} when it is served, else for the first served pipeline.
     */
    private static void checkParams(Session session, List<String> served, Map<String, Object> params) {
        List<String> order = new ArrayList<>(served);
        if (order.remove(Project.DEFAULT_PIPELINE)) {
            order.add(0, Project.DEFAULT_PIPELINE);
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            SluiceException refused = null;
            for (String pipeline : order) {
                try {
                    session.checkOverrides(RunSpec.builder(pipeline).param(param.getKey(), param.getValue()).build());
                    refused = null;
                    break;
                } catch (SluiceException e) {
                    refused = refused == null ? e : refused;
                }
            }
            if (refused != null) {
                throw refused;
            }
        }
    }
}
