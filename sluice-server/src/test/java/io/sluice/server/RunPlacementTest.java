package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Pipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run_on}: which thread a synchronous run executes on, seen from inside the node (Undertow
 * names its IO threads {@code XNIO-n I/O-m} and its workers {@code XNIO-n task-m}).
 */
class RunPlacementTest {
    @TempDir
    Path dir;

    /** Sleeps {@code millis}, then names the thread it ran on. */
    static String where(int millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
        return Thread.currentThread().getName();
    }

    static double rated(int x, double rate) {
        return x * rate;
    }

    private static final Map<String, Pipeline> PIPELINES = Map.of(
            "rated", Pipeline.of(node(RunPlacementTest::rated).inputs("x", "rate").outputs("priced").name("rated")),
            "memory", Pipeline.of(node(RunPlacementTest::where).inputs("millis").outputs("thread").name("where")),
            "saving", Pipeline.of(node(RunPlacementTest::where).inputs("millis").outputs("saved").name("where_saved")));

    private TestServer start(String serverYml) {
        return TestServer.start(dir, serverYml, Map.of("conf/base/catalog.yml",
                "saved:\n  type: json\n  filepath: data/saved.json\nrate:\n  type: json\n  filepath: data/rate.json\n",
                "data/rate.json", "1.5"), PIPELINES);
    }

    /** The kind of thread each of {@code runs} requests ran on: "io" or "worker". */
    private static List<String> threads(TestServer t, String pipeline, String output, int millis, int runs) {
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            HttpResponse<String> r = t.post("/pipelines/" + pipeline + "/runs",
                    "{\"inputs\": {\"millis\": " + millis + "}, \"outputs\": [\"" + output + "\"]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            kinds.add(r.body().contains(" I/O-") ? "io" : r.body().contains(" task-") ? "worker" : r.body());
        }
        return kinds;
    }

    /** Sends fast runs until one executes on the IO thread. */
    private static void promote(TestServer t) {
        for (int i = 0; i < 200; i++) {
            if (threads(t, "memory", "thread", 0, 1).get(0).equals("io")) {
                return;
            }
        }
        throw new AssertionError("200 fast runs did not move the pipeline to the IO threads");
    }

    @Test
    void autoRunsAnInMemoryPipelineOnWorkersUntilItsRunsProveFastThenOnTheIoThread() {
        try (TestServer t = start("")) {
            List<String> kinds = threads(t, "memory", "thread", 0, 200);

            int moved = kinds.indexOf("io");
            assertThat(moved).as(kinds.toString()).isGreaterThanOrEqualTo(IoThreadBudget.PROBES);
            assertThat(kinds.subList(0, moved)).containsOnly("worker");
            assertThat(kinds.subList(moved, kinds.size())).containsOnly("io");
        }
    }

    @Test
    void autoMovesAPipelineThatTurnsSlowBackToWorkersUntilItProvesFastAgain() {
        try (TestServer t = start("io_thread_budget: 2ms\n")) {
            promote(t);

            // 40 ms is over 16 budgets: one such run (a pause) is tolerated, the second in a row moves the pipeline
            assertThat(threads(t, "memory", "thread", 40, 1)).containsExactly("io");
            assertThat(threads(t, "memory", "thread", 0, 1)).containsExactly("io");
            assertThat(threads(t, "memory", "thread", 40, 2)).containsExactly("io", "io");
            // back on workers: twice as many fast runs as the first time before the IO thread again
            List<String> after = threads(t, "memory", "thread", 0, 120);
            int back = after.indexOf("io");
            assertThat(back).as(after.toString()).isGreaterThanOrEqualTo(2 * IoThreadBudget.PROBES - 1);
            assertThat(after.subList(0, back)).containsOnly("worker");
            assertThat(after.subList(back, after.size())).containsOnly("io");
        }
    }

    @Test
    void autoNeverPutsARunThatWritesAFileOnTheIoThread() {
        try (TestServer t = start("")) {
            assertThat(threads(t, "saving", "saved", 0, IoThreadBudget.PROBES + 20)).containsOnly("worker");
        }
    }

    @Test
    void aPipelineWhoseRunsAverageOverTheBudgetMovesBackToWorkersWithinAFewRuns() {
        try (TestServer t = start("io_thread_budget: 2ms\n")) {
            promote(t);

            // 10 ms (5 budgets, counted as 4) per run: from an average under 2 ms, it passes 2 ms in 2 to 5 runs
            List<String> slow = threads(t, "memory", "thread", 10, 8);
            int moved = slow.indexOf("worker");
            assertThat(moved).as(slow.toString()).isBetween(2, 5);
            assertThat(slow.subList(0, moved)).containsOnly("io");
            assertThat(slow.subList(moved, slow.size())).containsOnly("worker");
        }
    }

    @Test
    void aSlowPipelineNeverReachesTheIoThread() {
        try (TestServer t = start("io_thread_budget: 1ms\n")) {
            assertThat(threads(t, "memory", "thread", 3, IoThreadBudget.PROBES + 4)).containsOnly("worker");
        }
    }

    @Test
    void workerAlwaysDispatchesAndIoThreadNever() {
        try (TestServer t = start("run_on: worker\n")) {
            assertThat(threads(t, "memory", "thread", 0, IoThreadBudget.PROBES + 10)).containsOnly("worker");
        }
        try (TestServer t = start("run_on: io_thread\n")) {
            assertThat(threads(t, "memory", "thread", 0, 5)).containsOnly("io");
            assertThat(threads(t, "saving", "saved", 0, 5)).containsOnly("io");
        }
    }

    @Test
    void startingTheServerReadsTheArtifactsOfTheExposedPipelinesBeforeAnyRequest() throws Exception {
        try (TestServer t = start("")) {
            java.nio.file.Files.delete(dir.resolve("data/rate.json"));

            HttpResponse<String> r = t.post("/pipelines/rated/runs", "{\"inputs\": {\"x\": 4}}");

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).endsWith("\"outputs\":{\"priced\":6.0}}");
        }
    }

    @Test
    void theFirstRequestOfANewShapeIsCompiledOnAWorkerThenRunsOnTheIoThread() {
        try (TestServer t = start("")) {
            promote(t);
            // asking for the injected input back too is another request shape, whose plan is not compiled yet
            String body = "{\"inputs\": {\"millis\": 0}, \"outputs\": [\"thread\", \"millis\"]}";

            HttpResponse<String> first = t.post("/pipelines/memory/runs", body);
            HttpResponse<String> second = t.post("/pipelines/memory/runs", body);

            assertThat(first.body()).contains(" task-").contains("\"millis\":0");
            assertThat(second.body()).contains(" I/O-");
        }
    }

    /** POSTs {@code body} on a new connection; the answer's body, or null when none came within {@code millis}. */
    private static String postOnNewConnection(TestServer t, String path, String body, int millis) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", t.server.port())) {
            socket.setSoTimeout(millis);
            byte[] payload = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunBlockedOnAnIoThreadMovesItsPipelineToWorkersBeforeItEnds() throws Exception {
        try (TestServer t = start("io_threads: 2\n")) {
            promote(t);
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                java.util.concurrent.Future<String> blocked = clients.submit(() -> postOnNewConnection(t,
                        "/pipelines/memory/runs", "{\"inputs\": {\"millis\": 3000}}", 10_000));
                Thread.sleep(200); // 200 budgets: the run above is stuck as far as the server can tell

                // new connections land on either IO thread; those on the free one find the pipeline moved
                List<java.util.concurrent.Future<String>> fast = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    fast.add(clients.submit(() -> postOnNewConnection(t, "/pipelines/memory/runs",
                            "{\"inputs\": {\"millis\": 0}}", 2_000)));
                }
                List<String> answered = new ArrayList<>();
                for (java.util.concurrent.Future<String> f : fast) {
                    if (f.get() != null) {
                        answered.add(f.get());
                    }
                }

                assertThat(answered).isNotEmpty().allSatisfy(a -> assertThat(a).contains(" task-"));
                assertThat(blocked.get()).contains(" I/O-");
                assertThat(t.get("/metrics").body()).contains("sluice_io_thread_demotions_total{pipeline=\"memory\"} 1");
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void asyncRunsExecuteOnTheSessionsRunThreadsNeverOnAnIoThread() throws Exception {
        try (TestServer t = start("run_on: io_thread\n")) {
            HttpResponse<String> accepted = t.post("/pipelines/memory/runs?mode=async", "{\"inputs\": {\"millis\": 0}}");
            assertThat(accepted.statusCode()).isEqualTo(202);
            String location = accepted.headers().firstValue("Location").orElseThrow();
            String status = t.get(location).body();
            for (int i = 0; i < 200 && status.matches(".*\"(pending|running)\".*"); i++) {
                Thread.sleep(10);
                status = t.get(location).body();
            }
            assertThat(status).contains("\"succeeded\"").contains("sluice-run-").doesNotContain(" I/O-");
        }
    }
}
