package io.sluice.bench;

import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the serving benchmarks (driven by {@code serve-bench.sh}):
 * <ul>
 *   <li>{@code serve PORT [auto|worker|io_thread] [warmup|no-warmup]}: serves
 *       {@link ServiceRunBenchmark#tenNodes()} on 127.0.0.1:PORT with {@code GET /hello} on for
 *       the baseline, the given {@code run_on} (default {@code auto}, as {@code sluice serve}) and
 *       the default warm-up or none ({@code first-request.sh} compares the two), until killed;</li>
 *   <li>{@code verify PORT CLIENTS REQUESTS}: CLIENTS threads each send REQUESTS runs with
 *       distinct order ids and check that every response carries its own id and the right total;
 *       prints the counts and exits non-zero on any error or mismatch.</li>
 * </ul>
 */
public final class ServeBench {
    private ServeBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "serve" -> serve(Integer.parseInt(args[1]), ServerConfig.RunOn.valueOf(
                    (args.length > 2 ? args[2] : "auto").toUpperCase(java.util.Locale.ROOT)),
                    args.length > 3 && args[3].equals("no-warmup") ? ServerConfig.WarmUp.OFF
                            : ServerConfig.WarmUp.DEFAULT);
            case "verify" -> System.exit(verify(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3])));
            default -> {
                System.err.println("usage: ServeBench serve PORT [auto|worker|io_thread] [warmup|no-warmup]"
                        + " | verify PORT CLIENTS REQUESTS");
                System.exit(2);
            }
        }
    }

    private static void serve(int port, ServerConfig.RunOn runOn, ServerConfig.WarmUp warmUp)
            throws InterruptedException {
        Session session = BenchProjects.session(ServiceRunBenchmark.tenNodes(), ServiceRunBenchmark.PARAMETERS);
        SluiceServer server = new SluiceServer(session, ServerConfig.defaults().withPort(port)
                .withBenchmarkHello(true).withRunOn(runOn).withWarmUp(warmUp)).start();
        server.warmUp().forEach(w -> System.out.println("warm-up of " + w.pipeline() + ": " + w.requests()
                + " requests, " + w.failed() + " failed, " + w.took().toMillis() + " ms"
                + (w.notWarmedUp() == null ? "" : "; not warmed up: " + w.notWarmedUp())));
        System.out.println("serving " + server.url());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5))));
        Thread.currentThread().join();
    }

    /** The receipt the pipeline computes for {@code id}, as the node code does. */
    static String expected(long id) {
        double amount = id * 1.5;
        double vat = amount * 0.2;
        double total = amount + vat + amount * 0.01;
        double check = Math.round(total * 100) / 100.0 + Math.round(vat * 100) / 100.0;
        return id + ":" + check;
    }

    /** One keep-alive HTTP/1.1 connection, requests sent one after the other. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];

        Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        /** Posts {@code body} to {@code path}; returns the status line and body, separated by a newline. */
        String post(String path, String body) throws IOException {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            int n = 0;
            int headerEnd = -1;
            while (headerEnd < 0) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    throw new IOException("connection closed by the server");
                }
                n += r;
                headerEnd = indexOf(buffer, n, "\r\n\r\n");
            }
            String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            int bodyStart = headerEnd + 4;
            while (n < bodyStart + length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r < 0) {
                    throw new IOException("connection closed by the server");
                }
                n += r;
            }
            return head.substring(0, head.indexOf("\r\n")) + "\n"
                    + new String(buffer, bodyStart, length, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] data, int length, String marker) {
            outer:
            for (int i = 0; i + marker.length() <= length; i++) {
                for (int j = 0; j < marker.length(); j++) {
                    if (data[i + j] != marker.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static int verify(int port, int clients, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                long errors = 0;
                long mismatches = 0;
                try (Connection connection = new Connection(port)) {
                    for (int i = 0; i < requests; i++) {
                        long id = (long) client * requests + i;
                        String response = connection.post("/pipelines/__default__/runs",
                                "{\"inputs\":{\"order_id\":" + id + "},\"outputs\":[\"receipt\"]}");
                        if (!response.startsWith("HTTP/1.1 200")) {
                            errors++;
                        } else if (!response.contains("\"receipt\":\"" + expected(id) + "\"")) {
                            mismatches++;
                        }
                    }
                }
                return new long[] {errors, mismatches};
            }));
        }
        long errors = 0;
        long mismatches = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            errors += r[0];
            mismatches += r[1];
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d clients x %d requests: %d errors, %d mismatched responses, %.1f s (%.0f req/s)%n",
                clients, requests, errors, mismatches, seconds, clients * (double) requests / seconds);
        return errors == 0 && mismatches == 0 ? 0 : 1;
    }
}
