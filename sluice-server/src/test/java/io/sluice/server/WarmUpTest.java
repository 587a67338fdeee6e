package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Pipeline;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warmup} in server.yml: a server is ready only after its exposed pipelines have answered
 * their warm-up requests, which leave no trace.
 */
class WarmUpTest {
    @TempDir
    Path dir;

    /** The ids the "recorder" pipeline saw, in order (only this class's tests run it). */
    static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

    static String record(String id) {
        SEEN.add(id);
        return id;
    }

    static int saved(int x) {
        return x * 2;
    }

    private static Map<String, Pipeline> withRecorderAndSaving() {
        Map<String, Pipeline> all = new java.util.HashMap<>(Nodes.pipelines());
        all.put("recorder", Pipeline.of(node(WarmUpTest::record).inputs("id").outputs("recorded").name("record")));
        all.put("saving", Pipeline.of(node(WarmUpTest::saved).inputs("x").outputs("doubled").name("double")));
        return all;
    }

    private TestServer start(String serverYml, Map<String, String> files) {
        return TestServer.start(dir, serverYml, files, withRecorderAndSaving());
    }

    private static List<String> samples(TestServer t) {
        return Arrays.stream(t.get("/metrics").body().split("\n")).filter(l -> !l.startsWith("#")).toList();
    }

    private static WarmUpResult result(TestServer t, String pipeline) {
        return t.server.warmUp().stream().filter(r -> r.pipeline().equals(pipeline)).findFirst().orElseThrow();
    }

    @Test
    void readyAndAdmittingClientRunsOnlyOnceWarmUpHasRun() throws Exception {
        Nodes.resetGate(1);
        TestServer.write(dir, Map.of("conf/base/server.yml", "port: 0\npipelines: [gated]\nwarmup: {requests: 3}\n"));
        try (Session session = Session.compile(new TestServer.TestProject(Nodes.pipelines()),
                new SessionOptions(dir, "local", Map.of()))) {
            SluiceServer server = SluiceServer.create(session);
            CompletableFuture<SluiceServer> started = CompletableFuture.supplyAsync(server::start);
            try {
                assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).as("a warm-up run reached the node").isTrue();
                HttpClient client = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();

                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> run = client.send(HttpRequest.newBuilder(URI.create(base + "/pipelines/gated/runs"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"client\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).isEqualTo("{\"status\":\"warming_up\"}");
                assertThat(run.statusCode()).isEqualTo(503);
                assertThat(run.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(run.body()).contains("warming up");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(started).isNotDone();

                Nodes.release.countDown();
                started.get(10, TimeUnit.SECONDS);

                assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(server.warmUp()).singleElement().satisfies(r -> {
                    assertThat(r.pipeline()).isEqualTo("gated");
                    assertThat(r.requests()).isEqualTo(3);
                    assertThat(r.failed()).isZero();
                    assertThat(r.notWarmedUp()).isNull();
                });
            } finally {
                Nodes.release.countDown();
                started.get(10, TimeUnit.SECONDS);
                server.stop(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void warmUpRunsShowInNoMetricAndWriteNoJournal() throws Exception {
        try (TestServer t = start("journal: true\npipelines: [echo, scoring, words]\nwarmup: {requests: 30}\n",
                Map.of())) {
            assertThat(t.server.warmUp()).extracting(WarmUpResult::pipeline, WarmUpResult::requests,
                    WarmUpResult::failed).containsExactly(org.assertj.core.groups.Tuple.tuple("echo", 30, 0),
                    org.assertj.core.groups.Tuple.tuple("scoring", 30, 0),
                    org.assertj.core.groups.Tuple.tuple("words", 30, 0));
            assertThat(samples(t)).filteredOn(l -> l.startsWith("sluice_runs_total")
                    || l.startsWith("sluice_http_requests_refused_total")).isNotEmpty().allMatch(l -> l.endsWith(" 0.0"));
            assertThat(samples(t)).filteredOn(l -> l.startsWith("sluice_run_seconds_count"))
                    .isNotEmpty().allMatch(l -> l.endsWith(" 0"));
            Path journals = dir.resolve(".sluice/runs");
            assertThat(Files.exists(journals) ? list(journals) : List.of()).isEmpty();

            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}").statusCode())
                    .isEqualTo(200);

            assertThat(samples(t)).filteredOn(l -> l.startsWith("sluice_runs_total{outcome=\"succeeded\",pipeline=\"echo\""))
                    .extracting(l -> l.substring(l.lastIndexOf(' ') + 1)).containsExactlyInAnyOrder("1.0", "0.0");
            assertThat(list(journals)).as("a client's run does write its journal").hasSize(1);
        }
    }

    @Test
    void aPipelineThatWouldWritePersistedDataIsNotWarmedUp() {
        try (TestServer t = start("pipelines: [saving, echo]\nwarmup: {requests: 10}\n",
                Map.of("conf/base/catalog.yml", "doubled:\n  type: json\n  filepath: data/doubled.json\n"))) {
            assertThat(result(t, "saving").notWarmedUp()).isEqualTo(
                    "its runs write persisted datasets [doubled], which a warm-up run must not");
            assertThat(result(t, "saving").requests()).isZero();
            assertThat(result(t, "echo").requests()).isEqualTo(10);
            assertThat(dir.resolve("data/doubled.json")).doesNotExist();

            assertThat(t.post("/pipelines/saving/runs", "{\"inputs\": {\"x\": 4}}").statusCode()).isEqualTo(200);

            assertThat(dir.resolve("data/doubled.json")).as("a client's run saves it").hasContent("8");
        }
    }

    @Test
    void aPipelineThatThrowsOnSyntheticInputsStillLetsTheServerBecomeReady() {
        try (TestServer t = start("pipelines: [failing, echo]\nwarmup: {requests: 20}\n", Map.of())) {
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
            WarmUpResult failing = result(t, "failing");
            assertThat(failing.requests()).isEqualTo(20);
            assertThat(failing.failed()).isEqualTo(20);
            assertThat(failing.firstFailure()).startsWith("500 ").contains("boom at");
            assertThat(result(t, "echo").failed()).isZero();
            assertThat(samples(t)).contains("sluice_runs_total{outcome=\"failed\",pipeline=\"failing\",thread=\"worker\"} 0.0");
            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}").body())
                    .contains("\"tagged\":\"a=2\"");
        }
    }

    @Test
    void recordedExamplesAreSentInTurnInsteadOfSyntheticOnes() {
        SEEN.clear();
        String yml = """
                pipelines: [recorder]
                warmup:
                  requests: 8
                  examples:
                    recorder:
                      - {inputs: {id: inline-yaml}}
                      - '{"inputs": {"id": "inline-json"}}'
                      - warmup/recorder.json
                """;
        try (TestServer t = start(yml, Map.of("warmup/recorder.json",
                "[{\"inputs\": {\"id\": \"file-1\"}}, {\"inputs\": {\"id\": \"file-2\"}}]"))) {
            assertThat(result(t, "recorder").requests()).isEqualTo(8);
            assertThat(SEEN).containsExactly("inline-yaml", "inline-json", "file-1", "file-2",
                    "inline-yaml", "inline-json", "file-1", "file-2");
        }
    }

    @Test
    void syntheticRequestsAreVariedAndTheSameForTheSameSeed() {
        SEEN.clear();
        try (TestServer t = start("pipelines: [recorder]\nwarmup: {requests: 20, seed: 7}\n", Map.of())) {
            assertThat(result(t, "recorder").failed()).isZero();
        }
        List<String> first = List.copyOf(SEEN);
        SEEN.clear();
        try (TestServer t = start("pipelines: [recorder]\nwarmup: {requests: 20, seed: 7}\n", Map.of())) {
            assertThat(result(t, "recorder").failed()).isZero();
        }

        assertThat(first).hasSize(20).doesNotContainNull();
        assertThat(first.stream().distinct().count()).isGreaterThan(10);
        assertThat(SEEN).containsExactlyElementsOf(first);
    }

    @Test
    void timeLimitEndsAWarmUpWhoseRunsDoNotFinish() {
        Nodes.resetGate(1);
        long start = System.nanoTime();
        try (TestServer t = start("pipelines: [gated, echo]\nwarmup: {requests: 1000, time_limit: 400ms}\n", Map.of())) {
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Nodes.release.countDown();

            assertThat(took).isLessThan(5000);
            assertThat(result(t, "gated").timeLimitReached()).isTrue();
            assertThat(result(t, "gated").requests()).isZero();
            assertThat(result(t, "echo").notWarmedUp()).isNull(); // its turn came, with what was left
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
        } finally {
            Nodes.release.countDown();
        }
    }

    @Test
    void warmUpOffServesAtOnce() {
        try (TestServer t = start("pipelines: [echo]\nwarmup: false\n", Map.of())) {
            assertThat(t.server.config().warmUp().enabled()).isFalse();
            assertThat(t.server.warmUp()).isEmpty();
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
        }
        try (TestServer t = start("pipelines: [echo]\nwarmup: {requests: 0}\n", Map.of())) {
            assertThat(t.server.warmUp()).isEmpty();
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
