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
        try (TestServer t = TestServer.start(dir, "run_on: worker\nparams: [model]\n")) {
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
                    "sluice_runs_total{outcome=\"succeeded\",pipeline=\"echo\",thread=\"worker\"} 3.0",
                    "sluice_runs_total{outcome=\"succeeded\",pipeline=\"echo\",thread=\"io\"} 0.0",
                    "sluice_runs_total{outcome=\"refused\",pipeline=\"echo\",thread=\"worker\"} 0.0",
                    "sluice_runs_total{outcome=\"failed\",pipeline=\"failing\",thread=\"worker\"} 1.0",
                    "sluice_runs_total{outcome=\"refused\",pipeline=\"scoring\",thread=\"worker\"} 1.0",
                    "sluice_pipeline_on_io_thread{pipeline=\"echo\"} 0.0",
                    "sluice_io_thread_demotions_total{pipeline=\"echo\"} 0.0",
                    "sluice_runs_in_progress 0.0");
            assertThat(samples).filteredOn(l -> l.startsWith("sluice_run_seconds_sum{pipeline=\"echo\"}"))
                    .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.split(" ")[1])).isPositive());
            assertThat(samples).contains("sluice_run_seconds_count{pipeline=\"echo\"} 3",
                    "sluice_run_seconds_bucket{pipeline=\"echo\",le=\"+Inf\"} 3");
        }
    }

    @Test
    void showsWhenAutoMovedAPipelineToTheIoThreads() {
        try (TestServer t = TestServer.start(dir, "")) {
            for (int i = 0; i < 200 && samples(t).contains("sluice_pipeline_on_io_thread{pipeline=\"echo\"} 0.0"); i++) {
                t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");
            }
            assertThat(samples(t)).contains("sluice_pipeline_on_io_thread{pipeline=\"echo\"} 1.0");

            t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");

            assertThat(samples(t)).contains("sluice_runs_total{outcome=\"succeeded\",pipeline=\"echo\",thread=\"io\"} 1.0");
        }
    }

    @Test
    void countsRefusedRequestsByStatusAndReasonPerPipelineWhereOneIsNamed() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "max_body_bytes: 1KiB\nmax_concurrent_runs: 1\nparams: [model]\n"
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
            assertThat(samples).filteredOn(l -> !l.endsWith(" 0.0")).containsExactlyInAnyOrder(
                    "sluice_http_requests_refused_total{pipeline=\"echo\",reason=\"malformed_json\",status=\"400\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",reason=\"duplicate_key\",status=\"400\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",reason=\"bad_request\",status=\"400\"} 2.0",
                    "sluice_http_requests_refused_total{pipeline=\"words\",reason=\"body_too_large\",status=\"413\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",reason=\"unprocessable\",status=\"422\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"scoring\",reason=\"unprocessable\",status=\"422\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"echo\",reason=\"too_many_runs\",status=\"429\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"\",reason=\"unauthorized\",status=\"401\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"\",reason=\"not_found\",status=\"404\"} 2.0",
                    "sluice_http_requests_refused_total{pipeline=\"\",reason=\"method_not_allowed\",status=\"405\"} 1.0",
                    "sluice_http_requests_refused_total{pipeline=\"\",reason=\"run_ended\",status=\"409\"} 1.0");
            assertThat(samples).contains(
                    "sluice_http_requests_refused_total{pipeline=\"gated\",reason=\"unavailable\",status=\"503\"} 0.0");
            assertThat(metrics.body()).contains("# TYPE sluice_http_requests_refused_total counter\n");
        }
    }

    @Test
    void exposesTheJvmAndProcessMetersAndALatencyHistogramPerPipeline() {
        try (TestServer t = TestServer.start(dir, "")) {
            t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");

            List<String> samples = samples(t);

            assertThat(samples).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                    .anyMatch(l -> l.startsWith("jvm_gc_"))
                    .anyMatch(l -> l.startsWith("jvm_threads_live_threads "))
                    .anyMatch(l -> l.startsWith("process_cpu_usage "))
                    .anyMatch(l -> l.startsWith("process_uptime_seconds "))
                    .anyMatch(l -> l.startsWith("process_files_open_files "));
            // one bucket per latency bound, from 50 µs to 30 s, then +Inf
            assertThat(samples).filteredOn(l -> l.startsWith("sluice_run_seconds_bucket{") && l.contains("\"echo\""))
                    .hasSize(RunMetrics.LATENCY_BUCKETS.size() + 1)
                    .contains("sluice_run_seconds_bucket{pipeline=\"echo\",le=\"30.0\"} 1",
                            "sluice_run_seconds_bucket{pipeline=\"echo\",le=\"+Inf\"} 1");
        }
    }

    private static HttpResponse<String> authorized(TestServer t, HttpRequest.Builder request) {
        return t.send(request.header("Authorization", "Bearer t0k"));
    }

    private static HttpResponse<String> post(TestServer t, String path, String body) {
        return authorized(t, HttpRequest.newBuilder(t.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

}
