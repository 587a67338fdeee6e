package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.RuntimeParams;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.LauncherEntry;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerCatalog;
import io.sluice.server.ServeLauncher;
import io.sluice.server.ServeLauncherType;
import io.sluice.server.ServerConfig;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice serve}: compiles the project once, warms up its pipelines (server.yml's
 * {@code warmup}) and serves them over HTTP (see {@link io.sluice.server.SluiceServer}) until the process gets
 * SIGTERM or SIGINT, then stops gracefully: new runs get 503 while runs in progress get
 * {@code shutdown_grace} to finish. It is a shortcut for a {@code serve} launch
 * ({@link ServeLauncher}): the runners.yml entry named {@code serve} when it is one (its keys
 * over server.yml), else server.yml alone; {@code --pipeline}, {@code --port} and {@code --host}
 * override either, and {@code --params} must be read by a served pipeline.
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
                                + "runners, ...), with the keys of the runners.yml entry named serve over it when "
                                + "that entry is a serve launcher (sluice serve is sluice run --runner serve); the "
                                + "options below override both.",
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
    public int call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageException("--port must be 0 to 65535, got " + port);
        }
        Map<String, Object> runtimeParams = RuntimeParams.parseAll(params);
        try (Session session = root.openSession(env, runtimeParams)) {
            LauncherCatalog launchers = LauncherCatalog.of(session);
            LauncherEntry entry = serveEntry(session, launchers);
            LauncherEntry withOptions = new LauncherEntry(entry.name(), entry.type(), entry.declaredAt(), entry.wraps(),
                    ((ServeLauncher) entry.launcher()).overriding(this::options), entry.args());
            RunSpec spec = RunSpec.builder(Project.DEFAULT_PIPELINE).runner(entry.name()).params(runtimeParams)
                    .build();
            Launches.untilStopped(launchers.with(withOptions), session, spec, root.out, root.stop);
        }
        return 0;
    }

    /**
     * The entry {@code serve} of runners.yml when it is a serve launcher; else one that serves
     * with server.yml alone, through the runner a run naming none uses.
     */
    private static LauncherEntry serveEntry(Session session, LauncherCatalog launchers) {
        LauncherEntry declared = launchers.find(ServeLauncherType.NAME);
        if (declared != null && declared.launcher() instanceof ServeLauncher) {
            return declared;
        }
        String wraps = launchers.isLauncher(RunnerCatalog.DEFAULT)
                ? session.runners().entry(RunnerCatalog.DEFAULT).name() : RunnerCatalog.DEFAULT;
        return new LauncherEntry(ServeLauncherType.NAME, ServeLauncherType.NAME, "sluice serve (server.yml)", wraps,
                new ServeLauncher(), null);
    }

    /** The command's options over the entry's config. */
    private ServerConfig options(ServerConfig config) {
        ServerConfig c = config;
        if (!pipelines.isEmpty()) {
            c = c.withPipelines(new ArrayList<>(new LinkedHashSet<>(pipelines)));
        }
        if (port != null) {
            c = c.withPort(port);
        }
        if (host != null) {
            c = c.withHost(host);
        }
        return c;
    }
}
