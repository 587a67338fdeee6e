package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.session.Session;
import io.sluice.viz.StaticSite;
import io.sluice.viz.VizServer;
import io.sluice.viz.VizSource;
import io.sluice.viz.WatchedSource;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice viz}: the web page of the project's pipelines, groupings and runs
 * ({@link io.sluice.viz}), served on 127.0.0.1 until stopped; or, with {@code --export DIR}, written
 * as a static site; with {@code --from FILE}, drawn from an exported pipeline document without the
 * project.
 */
final class VizCommand implements Command {
    static final int DEFAULT_PORT = 4141;
    private static final String NAME = Commands.NAME + " viz";
    /** How often {@code --watch} looks at the project's files. */
    static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private final SluiceMain root;
    final int port;
    final boolean open;
    final String pipeline;
    final Path export;
    final Path from;
    final int runs;
    final String env;
    final boolean watch;

    VizCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        port = args.intValue("--port", DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new UsageException(NAME, "--port must be 0 to 65535, got " + port + ".", null);
        }
        open = args.flag("--open");
        pipeline = args.value("--pipeline", null);
        String exportDir = args.value("--export", null);
        export = exportDir == null ? null : Path.of(exportDir);
        String fromFile = args.value("--from", null);
        from = fromFile == null ? null : Path.of(fromFile);
        runs = args.intValue("--runs", 20);
        if (runs < 0) {
            throw new UsageException(NAME, "--runs must be 0 or more, got " + runs + ".", null);
        }
        env = EnvOption.value(args);
        watch = args.flag("--watch");
        if (watch && export != null) {
            throw new UsageException(NAME, "--watch serves the page; it cannot go with --export.", null);
        }
    }

    static CommandDef definition() {
        return CommandDef.of("viz", "Show the project's pipelines in a web page: the graph (namespaces collapse and "
                        + "expand, details of each node and dataset), groupings with their boundary datasets and "
                        + "check, and the last runs with a timeline.",
                        "The page is drawn from the pipelines' JSON documents (sluice pipelines export): it needs no "
                                + "project class beyond compiling the project, and none at all with --from.")
                .withOptions(List.of(
                        OptionDef.value("--port", "N", "Port on 127.0.0.1; 0 picks a free one (default: "
                                + DEFAULT_PORT + ").").ints(),
                        OptionDef.flag("--open", "Open the page in the desktop's browser (xdg-open or open) as well "
                                + "as printing its address."),
                        OptionDef.value("-p, --pipeline", "NAME", "The pipeline the page shows first (default: "
                                + "__default__)."),
                        OptionDef.value("--export", "DIR", "Write the page and its JSON into DIR as a static site "
                                + "that any web server can host, then exit."),
                        OptionDef.value("--from", "FILE", "Draw this exported pipeline document (sluice pipelines "
                                + "export) instead of the project: groupings are computed from the document (no deploy.yml, group "
                                + "rules or runs)."),
                        OptionDef.value("--runs", "N", "How many of the latest runs the runs view lists "
                                + "(default: 20).").ints(),
                        OptionDef.flag("--watch", "Follow the project: when conf/, the compiled classes or the "
                                + "--from file change (or a run is journalled), load it again and the open page "
                                + "reloads, keeping its view; a load that fails is shown in the page until fixed."),
                        EnvOption.definition()))
                .withOptionsInDeclarationOrder();
    }

    @Override
    public int call() throws Exception {
        if (watch) {
            return watching();
        }
        if (from != null) {
            return show(VizSource.fromFile(from));
        }
        try (Session session = root.openSession(env, Map.of(), false)) {
            return show(VizSource.of(session));
        }
    }

    /** {@code --watch}: a {@link WatchedSource} polling every {@link #WATCH_INTERVAL}. */
    private int watching() throws Exception {
        WatchedSource.Loader loader;
        List<Path> sources = new ArrayList<>();
        List<Path> runDirs = new ArrayList<>();
        if (from != null) {
            loader = () -> VizSource.fromFile(from);
            sources.add(from.toAbsolutePath());
        } else {
            Path dir = root.projectDir();
            String classPath = System.getProperty(ProjectClassLoader.PROPERTY);
            ClassLoader current = Thread.currentThread().getContextClassLoader();
            // each load gets a new loader over the project's classes, so that recompiled classes are seen
            loader = () -> VizSource.owning(root.openSession(env, Map.of(), false, classPath == null ? current
                    : ProjectClassLoader.create(classPath, SluiceMain.class.getClassLoader())));
            sources.add(dir.resolve("conf"));
            if (classPath != null) {
                for (String entry : classPath.split(File.pathSeparator)) {
                    if (!entry.isBlank() && Files.isDirectory(Path.of(entry))) {
                        sources.add(Path.of(entry).toAbsolutePath());
                    }
                }
            } else {
                sources.add(dir.resolve("target/classes"));
            }
            runDirs.add(dir.resolve(".sluice/runs"));
        }
        VizSource first = loader.load();
        WatchedSource watched = WatchedSource.start(first, loader, sources, runDirs, WATCH_INTERVAL);
        return show(first, watched);
    }

    private int show(VizSource source) throws Exception {
        return show(source, null);
    }

    private int show(VizSource source, WatchedSource watched) throws Exception {
        PrintWriter out = root.out;
        if (pipeline != null && !source.pipelines().contains(pipeline)) {
            throw new SluiceException("No pipeline '" + pipeline + "': the pipelines are "
                    + String.join(", ", source.pipelines()) + ".");
        }
        if (export != null) {
            List<String> files = StaticSite.write(source, export, runs);
            out.println("Wrote the viz site to " + export + " (" + files.size() + " files). Serve the directory "
                    + "with any web server, e.g. python3 -m http.server -d " + export + ", and open index.html.");
            out.flush();
            return 0;
        }
        try (VizServer server = startServer(source, watched)) {
            String url = server.url() + (pipeline == null ? ""
                    : "?pipeline=" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8));
            out.println("Sluice viz at " + url + (watched == null ? "" : ", reloading when the project changes")
                    + " (Ctrl-C to stop)");
            out.flush();
            if (open) {
                openBrowser(url, out);
            }
            awaitStop();
        }
        return 0;
    }

    private VizServer startServer(VizSource source, WatchedSource watched) {
        try {
            return watched == null ? VizServer.start(source, port, runs) : VizServer.start(watched, port, runs);
        } catch (IOException e) {
            if (watched != null) {
                watched.close();
            }
            throw new SluiceException("Cannot serve the viz page on 127.0.0.1:" + port + ": " + e.getMessage()
                    + ". Pick another port with --port N (0 for any free one).", e);
        }
    }

    private void awaitStop() throws InterruptedException {
        Thread onSignal = new Thread(root.stop::fire, "sluice-viz-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            root.stop.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the signal has fired
            }
        }
    }

    private static void openBrowser(String url, PrintWriter out) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String opener = os.contains("mac") ? "open" : os.contains("win") ? "explorer" : "xdg-open";
        try {
            new ProcessBuilder(opener, url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            out.println("Could not run " + opener + " (" + e.getMessage() + "): open " + url + " in a browser.");
            out.flush();
        }
    }
}
