package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ?mode=async} runs through their handles: {@code GET /runs/{id}} and {@code DELETE /runs/{id}}. */
class AsyncRunsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Counts down when a nap begins. */
    static volatile CountDownLatch napping = new CountDownLatch(1);
    /** How many times the node after the nap ran. */
    static final AtomicInteger woke = new AtomicInteger();

    @TempDir
    Path dir;

    /** Sleeps for half a minute unless interrupted, as a node that waits on something would. */
    static String nap(String id) throws InterruptedException {
        napping.countDown();
        Thread.sleep(30_000);
        return id;
    }

    static double scale(int x, double factor) {
        return x * factor;
    }

    static String wake(String napped) {
        woke.incrementAndGet();
        return napped + " woke";
    }

    private static final Map<String, Pipeline> PIPELINES = Map.of(
            "sleepy", Pipeline.of(node(AsyncRunsTest::nap).inputs("id").outputs("napped").name("nap"),
                    node(AsyncRunsTest::wake).inputs("napped").outputs("woken").name("wake")),
            "gated", Pipeline.of(node(Nodes::hold).inputs("id").outputs("held").name("hold")),
            "quick", Pipeline.of(node(Nodes::inc).inputs("x").outputs("y").name("inc")),
            "scaled", Pipeline.of(node(AsyncRunsTest::scale).inputs("x", "params:model.factor").outputs("scaled")
                    .name("scale")));

    @BeforeEach
    void reset() {
        napping = new CountDownLatch(1);
        woke.set(0);
    }

    private TestServer start(String serverYml) {
        return TestServer.start(dir, "params: [model]\n" + serverYml, Map.of(), PIPELINES);
    }

    private static String startAsync(TestServer t, String pipeline, String body) throws Exception {
        HttpResponse<String> accepted = t.post("/pipelines/" + pipeline + "/runs?mode=async", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("run_id").asText();
    }

    private static HttpResponse<String> delete(TestServer t, String path) {
        return t.send(HttpRequest.newBuilder(t.uri(path)).DELETE());
    }

    /** Polls {@code GET /runs/{id}} until the run has ended; its last status. */
    private static JsonNode awaitEnd(TestServer t, String runId) throws Exception {
        JsonNode status = JSON.readTree(t.get("/runs/" + runId).body());
        for (int i = 0; i < 1000 && !status.get("status").asText().matches("succeeded|failed|cancelled"); i++) {
            Thread.sleep(10);
            status = JSON.readTree(t.get("/runs/" + runId).body());
        }
        return status;
    }

    @Test
    void cancellingALongRunEndsItCancelledAndItsLaterNodesNeverRun() throws Exception {
        try (TestServer t = start("")) {
            String runId = startAsync(t, "sleepy", "{\"inputs\": {\"id\": \"s\"}}");
            assertThat(napping.await(10, TimeUnit.SECONDS)).isTrue();
            long asked = System.nanoTime();

            HttpResponse<String> cancel = delete(t, "/runs/" + runId);

            assertThat(cancel.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(cancel.body()).get("run_id").asText()).isEqualTo(runId);
            JsonNode end = awaitEnd(t, runId);
            assertThat(end.toString()).isEqualTo("{\"run_id\":\"" + runId + "\",\"pipeline\":\"sleepy\","
                    + "\"status\":\"cancelled\"}");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked)).isLessThan(10); // the nap was cut short
            assertThat(woke.get()).isZero();
        }
    }

    @Test
    void theStatesOfARunAreVisibleThroughGetUntilItsOutputs() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = start("")) {
            String runId = startAsync(t, "gated", "{\"inputs\": {\"id\": \"g\"}}");
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(t.get("/runs/" + runId).body()).isEqualTo("{\"run_id\":\"" + runId + "\","
                    + "\"pipeline\":\"gated\",\"status\":\"running\"}");
            Nodes.release.countDown();

            assertThat(awaitEnd(t, runId).toString()).isEqualTo("{\"run_id\":\"" + runId + "\",\"pipeline\":\"gated\","
                    + "\"status\":\"succeeded\",\"outputs\":{\"held\":\"done:g\"}}");
        }
    }

    @Test
    void cancellingARunThatHasEndedIs409AndChangesNothing() throws Exception {
        try (TestServer t = start("")) {
            String runId = startAsync(t, "quick", "{\"inputs\": {\"x\": 1}}");
            assertThat(awaitEnd(t, runId).get("status").asText()).isEqualTo("succeeded");

            HttpResponse<String> cancel = delete(t, "/runs/" + runId);

            assertThat(cancel.statusCode()).isEqualTo(409);
            assertThat(cancel.body()).isEqualTo("{\"error\":\"run " + runId + " has already ended (succeeded); only a "
                    + "pending or running run can be cancelled\",\"run_id\":\"" + runId + "\"}");
            assertThat(JSON.readTree(t.get("/runs/" + runId).body()).get("outputs").toString()).isEqualTo("{\"y\":2}");
        }
    }

    @Test
    void cancellingAnUnknownRunIs404() {
        try (TestServer t = start("")) {
            HttpResponse<String> r = delete(t, "/runs/nope");

            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("{\"error\":\"no async run 'nope' (unknown, or older than the last 1000 "
                    + "finished runs)\"}");
        }
    }

    @Test
    void aRunPathAnswersGetAndDeleteOnly() {
        try (TestServer t = start("")) {
            HttpResponse<String> r = t.post("/runs/any", "{}");

            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, DELETE");
            assertThat(r.body()).isEqualTo("{\"error\":\"POST is not allowed on /runs/any; use GET or DELETE\"}");
        }
    }

    @Test
    void aCancelledRunGivesBackItsConcurrencySlotAndIsCountedAsCancelled() throws Exception {
        try (TestServer t = start("max_concurrent_runs: 1\n")) {
            String runId = startAsync(t, "sleepy", "{\"inputs\": {\"id\": \"s\"}}");
            assertThat(napping.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(t.post("/pipelines/quick/runs", "{\"inputs\": {\"x\": 1}}").statusCode()).isEqualTo(429);

            assertThat(delete(t, "/runs/" + runId).statusCode()).isEqualTo(202);
            assertThat(awaitEnd(t, runId).get("status").asText()).isEqualTo("cancelled");

            assertThat(t.post("/pipelines/quick/runs", "{\"inputs\": {\"x\": 1}}").statusCode()).isEqualTo(200);
            assertThat(t.get("/metrics").body()).contains(
                    "sluice_runs_total{outcome=\"cancelled\",pipeline=\"sleepy\",thread=\"worker\"} 1.0",
                    "sluice_runs_in_progress 0.0");
        }
    }

    @Test
    void aRunTheSessionRefusesAfterThe202EndsFailedWithTheReasonAndNoNode() throws Exception {
        try (TestServer t = start("")) {
            // the request fits the pipeline; only the session, binding the value to the node's double, refuses it
            String runId = startAsync(t, "scaled", "{\"inputs\": {\"x\": 2}, \"params\": {\"model.factor\": \"x\"}}");

            JsonNode end = awaitEnd(t, runId);

            assertThat(end.get("status").asText()).isEqualTo("failed");
            assertThat(end.get("error").asText()).startsWith("params:model.factor");
            assertThat(end.has("node")).isFalse();
            assertThat(t.get("/metrics").body())
                    .contains("sluice_runs_total{outcome=\"refused\",pipeline=\"scaled\",thread=\"worker\"} 1.0");
        }
    }

    @Test
    void aRefusalIsToldFromAFailureWhicheverWayTheHandleReportsIt() {
        SluiceException reason = new SluiceException("params:model.factor: expected a number");

        assertThat(RunDispatcher.refusedBeforeStart(reason)).isTrue();
        assertThat(RunDispatcher.refusedBeforeStart(new RunFailedException(reason.getMessage(), "r", null, null, reason)))
                .isTrue();
        assertThat(RunDispatcher.refusedBeforeStart(new RunFailedException("Run r of pipeline 'p' failed: "
                + reason.getMessage(), "r", null, null, reason))).isFalse();
        assertThat(RunDispatcher.refusedBeforeStart(new RunFailedException("Node 'n' failed", "r", "n", null,
                new IllegalStateException("boom")))).isFalse();
        assertThat(RunDispatcher.refusedBeforeStart(new RunCancelledException("r", "cancelled"))).isFalse();
        assertThat(RunDispatcher.refusedBeforeStart(new IllegalStateException("bug"))).isFalse();
    }
}
