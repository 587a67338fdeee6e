package io.sluice.server;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough loopback measurement, not a test (run by hand, not by surefire):
 * {@code java -cp <test class path> io.sluice.server.LoopbackBench [true|false]} where the argument
 * is {@code run_on}. A 10-node in-memory pipeline: in-process run latency, HTTP latency
 * over one keep-alive connection (raw socket client), and throughput against {@code GET /hello}
 * with 1, 2 and 4 client connections. The real benchmarks belong in sluice-bench.
 */
final class LoopbackBench {
    private LoopbackBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("sluice-loopback-bench");
        measure(dir, args.length > 0 && Boolean.parseBoolean(args[0]));
    }

    static int inc(int x) {
        return x + 1;
    }

    static final class Client implements AutoCloseable {
        final Socket s;
        final OutputStream out;
        final InputStream in;
        final byte[] buf = new byte[65536];

        Client(int port) throws Exception {
            s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            out = s.getOutputStream();
            in = s.getInputStream();
        }

        String call(byte[] request) throws Exception {
            out.write(request);
            out.flush();
            int n = 0;
            while (true) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) throw new IllegalStateException("closed");
                n += r;
                String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                int end = head.indexOf("\r\n\r\n");
                if (end >= 0) {
                    int cl = head.toLowerCase().indexOf("content-length: ");
                    int len = Integer.parseInt(head.substring(cl + 16, head.indexOf("\r\n", cl)).trim());
                    if (n >= end + 4 + len) {
                        return head.substring(end + 4, end + 4 + len);
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            s.close();
        }
    }

    static byte[] post(String path, String body) {
        return ("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static void measure(Path dir, boolean onIoThread) throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(node(LoopbackBench::inc).inputs(i == 0 ? "x" : "a" + i).outputs("a" + (i + 1)).name("n" + i));
        }
        TestServer.write(dir, Map.of("conf/base/server.yml", "port: 0\nbenchmark_hello: true\nrequest_timeout: 0\nrun_on: " + (onIoThread ? "io_thread" : "worker") + "\n"));
        Session session = Session.compile(new TestServer.TestProject(Map.of("ten", Pipeline.of(nodes))),
                new SessionOptions(dir, "local", Map.of()));
        // in-process
        RunSpec req = RunSpec.builder("ten").journal(false).build();
        Injected x = Injected.input("x", 1);
        for (int i = 0; i < 200_000; i++) session.run(req, x);
        long[] t = new long[100_000];
        for (int i = 0; i < t.length; i++) { long s = System.nanoTime(); session.run(req, x); t[i] = System.nanoTime() - s; }
        Arrays.sort(t);
        System.out.printf("in-process run p50=%.1fus p99=%.1fus%n", t[t.length / 2] / 1e3, t[t.length * 99 / 100] / 1e3);

        SluiceServer server = SluiceServer.create(session).start();
        int port = server.port();
        byte[] run = post("/pipelines/ten/runs", "{\"inputs\":{\"x\":1}}");
        byte[] hello = get("/hello");
        try (Client c = new Client(port)) {
            System.out.println(c.call(run));
            for (int i = 0; i < 30_000; i++) { c.call(run); c.call(hello); }
            long[] lr = new long[20_000];
            long[] lh = new long[20_000];
            for (int i = 0; i < lr.length; i++) {
                long s = System.nanoTime(); c.call(run); lr[i] = System.nanoTime() - s;
                s = System.nanoTime(); c.call(hello); lh[i] = System.nanoTime() - s;
            }
            Arrays.sort(lr); Arrays.sort(lh);
            System.out.printf("HTTP run p50=%.1fus p99=%.1fus; hello p50=%.1fus p99=%.1fus%n", lr[lr.length / 2] / 1e3,
                    lr[lr.length * 99 / 100] / 1e3, lh[lh.length / 2] / 1e3, lh[lh.length * 99 / 100] / 1e3);
        }
        for (int threads : new int[] {1, 2, 4}) {
            double h = throughput(port, hello, threads);
            double r = throughput(port, run, threads);
            System.out.printf("threads=%d hello=%.0f req/s run=%.0f req/s ratio=%.2f%n", threads, h, r, r / h);
        }
        server.stop(java.time.Duration.ofSeconds(1));
        session.close();
    }

    static double throughput(int port, byte[] request, int threads) throws Exception {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + 3_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try (Client c = new Client(port)) {
                    long n = 0;
                    while (System.nanoTime() < end) { c.call(request); n++; }
                    count.addAndGet(n);
                } catch (Exception e) { throw new RuntimeException(e); }
            });
            ts.add(th); th.start();
        }
        for (Thread th : ts) th.join();
        return count.get() / 3.0;
    }
}
