package io.sluice.viz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viz page and its JSON ({@link VizApi}) over HTTP on the loopback address: the JDK's
 * {@code HttpServer}, a few threads, read-only, for one person's browser. GET only; unknown paths get
 * 404 and a failing source a 500 with its message; a request whose {@code Host} is not the loopback
 * address gets 403 (so that a web page cannot read it through DNS rebinding).
 *
 * <pre>{@code
 * try (VizServer server = VizServer.start(VizSource.of(session), 0, 50)) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
public final class VizServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VizServer.class);
    private static final int THREADS = 4;

    /** The page polls this while the server watches the project; 404 otherwise (and in a static export). */
    static final String VERSION = VizApi.PREFIX + "version.json";

    private final HttpServer server;
    private final ExecutorService threads;
    private final int runLimit;
    /** Null when not watching. */
    private final WatchedSource watched;
    /** The API over the source served now; replaced when the watched source loads anew. */
    private volatile VizApi api;

    private VizServer(HttpServer server, VizApi api, ExecutorService threads, int runLimit, WatchedSource watched) {
        this.server = server;
        this.api = api;
        this.threads = threads;
        this.runLimit = runLimit;
        this.watched = watched;
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param source   what to draw
     * @param port     the port, 0 for a free one
     * @param runLimit how many of the latest runs the runs view lists
     * @throws IOException when the port cannot be bound
     */
    public static VizServer start(VizSource source, int port, int runLimit) throws IOException {
        return start(new VizApi(source, runLimit), null, port, runLimit);
    }

    /**
     * Starts serving a source that follows the project ({@code --watch}): each request is answered
     * from the source's current version, and {@code api/version.json} tells the page
     * {@code {"version": N, "error": message or null}} so that it reloads when N changes. The
     * server closes {@code watched} when it closes.
     */
    public static VizServer start(WatchedSource watched, int port, int runLimit) throws IOException {
        return start(new VizApi(watched.state().source(), runLimit), watched, port, runLimit);
    }

    private static VizServer start(VizApi api, WatchedSource watched, int port, int runLimit) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // a few threads: a browser opens several connections at once and may leave one idle
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sluice-viz-http");
            t.setDaemon(true);
            return t;
        });
        VizServer viz = new VizServer(http, api, threads, runLimit, watched);
        http.setExecutor(threads);
        http.createContext("/", viz::handle);
        http.start();
        return viz;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:4141/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // a page of another site that resolved its name to 127.0.0.1 (DNS rebinding) may not read this one
                send(exchange, 403, "text/plain; charset=utf-8", "only for 127.0.0.1 or localhost\n"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getRawPath().substring(1);
            if (path.isEmpty()) {
                path = Assets.INDEX;
            }
            Optional<byte[]> body;
            try {
                body = path.equals(VERSION) ? version()
                        : path.startsWith(VizApi.PREFIX) ? current().get(path) : Assets.read(path);
            } catch (RuntimeException e) {
                LOG.warn("viz: {} failed", path, e);
                send(exchange, 500, "text/plain; charset=utf-8",
                        (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (body.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, Assets.contentType(path), body.get());
        }
    }

    /** The API over the watched source's current version (no recompilation here: the watcher loads). */
    private VizApi current() {
        if (watched != null) {
            VizSource now = watched.state().source();
            VizApi served = api;
            if (served.source() != now) {
                served = new VizApi(now, runLimit);
                api = served;
            }
            return served;
        }
        return api;
    }

    private Optional<byte[]> version() {
        if (watched == null) {
            return Optional.empty();
        }
        WatchedSource.State s = watched.state();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("version", s.version());
        o.put("error", s.error());
        return Optional.of(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the request's Host names the loopback address (any port): 127.0.0.1, localhost or [::1]. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops at once. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        if (watched != null) {
            watched.close();
        }
    }
}
