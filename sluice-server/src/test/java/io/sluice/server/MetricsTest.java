package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    void labelValuesAreEscaped() {
        assertThat(RunMetrics.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
