package io.sluice.cli;

import io.sluice.SluiceException;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice serve}: compiles the project once, warms up its pipelines (server.yml's
 * {@code warmup}) and serves them over HTTP (see {@link SluiceServer}) until the process gets
 * SIGTERM or SIGINT, then stops gracefully: new runs get 503 while runs in progress get
 * {@code shutdown_grace} to finish.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve pipelines over HTTP until stopped (SIGTERM or Ctrl-C).",
                "Configuration comes from conf/<env>/server.yml (host, port, pipelines, max_body_bytes, "
                        + "request_timeout, max_concurrent_runs, auth, io_threads, worker_threads, warmup, ...); "
                        + "the options below override it.",
                "Before it reports ready (GET /ready), the server warms up each pipeline with warmup.requests "
                        + "requests (default 2000, within 5 s; warmup: false turns this off)."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SluiceMain root;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globalOptions;

    @Option(names = {"-p", "--pipeline"}, split = ",", paramLabel = "NAME",
            description = "Expose this pipeline; repeatable (default: the pipelines of server.yml, else all).")
    List<String> pipelines = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one "
            + "(default: server.yml, else 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on, and only there "
            + "(default: server.yml, else 127.0.0.1).")
    String host;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV", defaultValue = "${env:SLUICE_ENV:-local}",
            description = "Configuration environment layered over conf/base (default: $SLUICE_ENV, else local).")
    String env;

    @Option(names = "--params", paramLabel = "KEY=VALUE[,KEY=VALUE...]",
            description = "Override parameters by dotted path for every run, values typed as YAML. Repeatable.")
    List<String> params = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
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
            checkParams(session, config.pipelines().isEmpty() ? List.copyOf(session.pipelines().keySet())
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
        PrintWriter out = spec.commandLine().getOut();
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
