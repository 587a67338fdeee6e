package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.RuntimeParams;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice serve}: compiles the project once, warms up its pipelines (server.yml's
 * {@code warmup}) and serves them over HTTP (see {@link SluiceServer}) until the process gets
 * SIGTERM or SIGINT, then stops gracefully: new runs get 503 while runs in progress get
 * {@code shutdown_grace} to finish.
 */
final class ServeCommand implements Command {

    private final SluiceMain root;
    final List<String> pipelines;
    /** {@code --port}, or null when not given. */
    final Integer port;
    final String host;
    final String env;
    final List<String> params;

    ServeCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        pipelines = args.values("--pipeline");
        port = args.has("--port") ? args.intValue("--port", 0) : null;
        host = args.value("--host", null);
        env = EnvOption.value(args);
        params = args.values("--params");
    }

    static CommandDef definition() {
        return CommandDef.of("serve", "Serve pipelines over HTTP until stopped (SIGTERM or Ctrl-C).",
                        "Configuration comes from conf/<env>/server.yml (host, port, pipelines, max_body_bytes, "
                                + "request_timeout, max_concurrent_runs, auth, io_threads, worker_threads, warmup, "
                                + "...); the options below override it.",
                        "Before it reports ready (GET /ready), the server warms up each pipeline with "
                                + "warmup.requests requests (default 2000, within 5 s; warmup: false turns this off).")
                .withOptions(List.of(
                        OptionDef.value("-p, --pipeline", "NAME", "Expose this pipeline; repeatable (default: the "
                                + "pipelines of server.yml, else all).").splitOn(","),
                        OptionDef.value("--port", "N", "Port to listen on; 0 picks a free one (default: server.yml, "
                                + "else 8080).").ints(),
                        OptionDef.value("--host", "HOST", "Address to listen on, and only there (default: "
                                + "server.yml, else 127.0.0.1)."),
                        EnvOption.definition(),
                        OptionDef.value("--params", "KEY=VALUE[,KEY=VALUE...]", "Override parameters by dotted path "
                                + "for every run, values typed as YAML. Repeatable.").repeated()))
                .withOptionsInDeclarationOrder();
    }

    @Override
    public int call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageException("--port must be 0 to 65535, got " + port);
        }
        Map<String, Object> runtimeParams = RuntimeParams.parseAll(params);
        Session session = root.openSession(env, runtimeParams);
        SluiceServer server;
        try {
            ServerConfig config = ServerConfig.of(session);
            if (!pipelines.isEmpty()) {
                config = config.withPipelines(new ArrayList<>(new LinkedHashSet<>(pipelines)));
            }
            if (port != null) {
                config = config.withPort(port);
            }
            if (host != null) {
                config = config.withHost(host);
            }
            checkParams(session, config.pipelines().isEmpty() ? List.copyOf(session.pipelineNames())
                    : config.pipelines(), runtimeParams);
            server = new SluiceServer(session, config).start();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close(); // graceful: waits up to shutdown_grace for runs in progress
                session.close();
            } finally {
                stopped.countDown();
            }
        }, "sluice-serve-shutdown"));
        PrintWriter out = root.out;
        out.println("Serving " + String.join(", ", server.pipelines()) + " on " + server.url()
                + " (OpenAPI: " + server.url() + "/openapi.json). Stop with Ctrl-C or SIGTERM.");
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Refuses a {@code --params} path that no served pipeline and no config reads: it would apply
     * to every run and change none. Each path needs one pipeline that reads it; the error is the
     * one for {@code __default__} when it is served, else for the first served pipeline.
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
