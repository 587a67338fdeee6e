package io.sluice.datasets.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port (the JDK's
 * {@code com.sun.net.httpserver}: no dependency), scripted per path: each path answers with the
 * replies queued for it, in order, repeating the last one. Records every request it receives.
 */
final class TestHttpServer implements AutoCloseable {
    /** One answer: status, headers, body, and how long to wait before sending it. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        static Reply status(int status) {
            return new Reply(status, Map.of(), "", 0);
        }

        Reply header(String name, String value) {
            Map<String, String> h = new java.util.LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMillis);
        }

        Reply delayed(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    /** A request as the server saw it. */
    record Seen(String method, String pathAndQuery, Map<String, List<String>> headers, String body, long nanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final Map<String, Function<Seen, Reply>> dynamic = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code path} (without query) answers {@code first}, then the next ones, repeating the last. */
    TestHttpServer on(String path, Reply... answers) {
        replies.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** {@code path} answers what {@code reply} makes of each request. */
    TestHttpServer on(String path, Function<Seen, Reply> reply) {
        dynamic.put(path, reply);
        return this;
    }

    /** Every request received, in order. */
    List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The requests to {@code path} (query ignored). */
    List<Seen> requests(String path) {
        return seen.stream().filter(s -> s.pathAndQuery().split("\\?")[0].equals(path)).toList();
    }

    /** Forgets the script and the requests (between tests of a class sharing the server). */
    void reset() {
        replies.clear();
        dynamic.clear();
        seen.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String pq = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            Seen s = new Seen(ex.getRequestMethod(), pq, Map.copyOf(ex.getRequestHeaders()), body, System.nanoTime());
            seen.add(s);
            String path = ex.getRequestURI().getRawPath();
            Reply r;
            Function<Seen, Reply> f = dynamic.get(path);
            if (f != null) {
                r = f.apply(s);
            } else {
                Deque<Reply> q = replies.get(path);
                if (q == null) {
                    r = Reply.json(404, "{\"error\":\"no route " + path + "\"}");
                } else {
                    synchronized (q) {
                        r = q.size() > 1 ? q.poll() : q.peek();
                    }
                }
            }
            if (r.delayMillis() > 0) {
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = ex.getRequestMethod().equals("HEAD") || bytes.length == 0;
            ex.sendResponseHeaders(r.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
