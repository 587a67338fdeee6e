package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: run counters in the Prometheus text format. */
class MetricsTest {
    @TempDir
    Path dir;

    private static List<String> samples(TestServer t) {
        HttpResponse<String> r = t.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return Arrays.stream(r.body().split("\n")).filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void countsRunsByOutcomeAndThreadKind() {
        try (TestServer t = TestServer.start(dir, "run_on: worker\n")) {
            for (int i = 0; i < 3; i++) {
                assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": " + i + "}}").statusCode())
                        .isEqualTo(200);
            }
            assertThat(t.post("/pipelines/failing/runs", "{\"inputs\": {\"x\": 1}}").statusCode()).isEqualTo(500);
            assertThat(t.post("/pipelines/scoring/runs",
                    "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model.factor\": \"x\"}}").statusCode()).isEqualTo(422);
            // refused while reading the body: no run, not counted
            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"x\": 1}}").statusCode()).isEqualTo(422);

            List<String> samples = samples(t);

            assertThat(samples).contains(
                    "sluice_runs_total{pipeline=\"echo\",outcome=\"succeeded\",thread=\"worker\"} 3",
                    "sluice_runs_total{pipeline=\"echo\",outcome=\"succeeded\",thread=\"io\"} 0",
                    "sluice_runs_total{pipeline=\"echo\",outcome=\"refused\",thread=\"worker\"} 0",
                    "sluice_runs_total{pipeline=\"failing\",outcome=\"failed\",thread=\"worker\"} 1",
                    "sluice_runs_total{pipeline=\"scoring\",outcome=\"refused\",thread=\"worker\"} 1",
                    "sluice_pipeline_on_io_thread{pipeline=\"echo\"} 0",
                    "sluice_io_thread_demotions_total{pipeline=\"echo\"} 0",
                    "sluice_runs_in_progress 0");
            assertThat(samples).filteredOn(l -> l.startsWith("sluice_run_seconds_total{pipeline=\"echo\"}"))
                    .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.split(" ")[1])).isPositive());
        }
    }

    @Test
    void showsWhenAutoMovedAPipelineToTheIoThreads() {
        try (TestServer t = TestServer.start(dir, "")) {
            for (int i = 0; i < 200 && samples(t).contains("sluice_pipeline_on_io_thread{pipeline=\"echo\"} 0"); i++) {
                t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");
            }
            assertThat(samples(t)).contains("sluice_pipeline_on_io_thread{pipeline=\"echo\"} 1");

            t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");

            assertThat(samples(t)).contains("sluice_runs_total{pipeline=\"echo\",outcome=\"succeeded\",thread=\"io\"} 1");
        }
    }

    @Test
    void countsRefusedRequestsByStatusAndReasonPerPipelineWhereOneIsNamed() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "max_body_bytes: 1KiB\nmax_concurrent_runs: 1\n"
                + "auth:\n  bearer_token_credentials: api_token\n", Map.of("conf/local/credentials.yml", "api_token: t0k\n"))) {
            assertThat(post(t, "/pipelines/echo/runs", "{\"inputs\": {").statusCode()).isEqualTo(400);
            assertThat(post(t, "/pipelines/echo/runs", "{\"inputs\": {\"x\": 1, \"x\": 1, \"id\": \"a\"}}").statusCode())
                    .isEqualTo(400);
            assertThat(post(t, "/pipelines/echo/runs?mode=later", "{}").statusCode()).isEqualTo(400);
            assertThat(post(t, "/pipelines/echo/runs", "[1]").statusCode()).isEqualTo(400);
            assertThat(post(t, "/pipelines/words/runs", "{\"inputs\": {\"words\": [" + "\"w\",".repeat(300) + "\"w\"]}}")
                    .statusCode()).isEqualTo(413);
            assertThat(post(t, "/pipelines/echo/runs", "{\"inputs\": {\"x\": \"1\", \"id\": \"a\"}}").statusCode())
                    .isEqualTo(422);
            assertThat(post(t, "/pipelines/scoring/runs", "{\"inputs\": {\"shuttles\": []}, \"params\": "
                    + "{\"model.factor\": \"x\"}}").statusCode()).isEqualTo(422);
            HttpResponse<String> held = post(t, "/pipelines/gated/runs?mode=async", "{\"inputs\": {\"id\": \"g\"}}");
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(post(t, "/pipelines/echo/runs", "{\"inputs\": {\"x\": 1, \"id\": \"a\"}}").statusCode())
                    .isEqualTo(429);
            Nodes.release.countDown();
            String runId = new ObjectMapper().readTree(held.body()).get("run_id").asText();
            while (!authorized(t, HttpRequest.newBuilder(t.uri("/runs/" + runId)).GET()).body().contains("succeeded")) {
                Thread.sleep(5);
            }
            assertThat(authorized(t, HttpRequest.newBuilder(t.uri("/runs/" + runId)).DELETE()).statusCode()).isEqualTo(409);
            assertThat(t.get("/pipelines").statusCode()).isEqualTo(401);
            assertThat(authorized(t, HttpRequest.newBuilder(t.uri("/nope")).GET()).statusCode()).isEqualTo(404);
            assertThat(post(t, "/pipelines/nope/runs", "{}").statusCode()).isEqualTo(404);
            assertThat(authorized(t, HttpRequest.newBuilder(t.uri("/pipelines/echo/runs")).GET()).statusCode())
                    .isEqualTo(405);

            HttpResponse<String> metrics = authorized(t, HttpRequest.newBuilder(t.uri("/metrics")).GET());

            List<String> samples = Arrays.stream(metrics.body().split("\n"))
                    .filter(l -> l.startsWith("sluice_http_requests_refused_total")).toList();
            assertThat(samples).filteredOn(l -> !l.endsWith(" 0")).containsExactlyInAnyOrder(
                    "sluice_http_requests_refused_total{pipeline=\"echo\",status=\"400\",reason=\"malformed_json\"} 1",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",status=\"400\",reason=\"duplicate_key\"} 1",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",status=\"400\",reason=\"bad_request\"} 2",
                    "sluice_http_requests_refused_total{pipeline=\"words\",status=\"413\",reason=\"body_too_large\"} 1",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",status=\"422\",reason=\"unprocessable\"} 1",
                    "sluice_http_requests_refused_total{pipeline=\"scoring\",status=\"422\",reason=\"unprocessable\"} 1",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",status=\"429\",reason=\"too_many_runs\"} 1",
                    "sluice_http_requests_refused_total{status=\"401\",reason=\"unauthorized\"} 1",
                    "sluice_http_requests_refused_total{status=\"404\",reason=\"not_found\"} 2",
                    "sluice_http_requests_refused_total{status=\"405\",reason=\"method_not_allowed\"} 1",
                    "sluice_http_requests_refused_total{status=\"409\",reason=\"run_ended\"} 1");
            assertThat(samples).contains(
                    "sluice_http_requests_refused_total{pipeline=\"gated\",status=\"503\",reason=\"unavailable\"} 0");
            assertThat(metrics.body()).contains("# TYPE sluice_http_requests_refused_total counter\n");
        }
    }

    private static HttpResponse<String> authorized(TestServer t, HttpRequest.Builder request) {
        return t.send(request.header("Authorization", "Bearer t0k"));
    }

    private static HttpResponse<String> post(TestServer t, String path, String body) {
        return authorized(t, HttpRequest.newBuilder(t.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(RunMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
