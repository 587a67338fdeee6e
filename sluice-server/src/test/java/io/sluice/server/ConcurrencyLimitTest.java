package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyLimitTest {
    @TempDir
    Path dir;

    private static CompletableFuture<HttpResponse<String>> postAsync(TestServer t, String path, String body) {
        return t.client.sendAsync(HttpRequest.newBuilder(t.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void runsBeyondTheLimitAre429WithRetryAfter() throws Exception {
        Nodes.resetGate(2);
        try (TestServer t = TestServer.start(dir, "max_concurrent_runs: 2\n")) {
            CompletableFuture<HttpResponse<String>> first = postAsync(t, "/pipelines/gated/runs",
                    "{\"inputs\": {\"id\": \"1\"}}");
            CompletableFuture<HttpResponse<String>> second = postAsync(t, "/pipelines/gated/runs",
                    "{\"inputs\": {\"id\": \"2\"}}");
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue(); // both runs hold their slot

            HttpResponse<String> third = t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"3\", \"x\": 1}}");

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(third.body()).isEqualTo("{\"error\":\"too many concurrent runs: the limit is 2 "
                    + "(max_concurrent_runs); retry later\"}");

            Nodes.release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("\"outputs\":{\"held\":\"done:1\"}");
            assertThat(second.get(10, TimeUnit.SECONDS).body()).contains("\"outputs\":{\"held\":\"done:2\"}");
            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"4\", \"x\": 1}}").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void asyncRunsCountTowardsTheLimit() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "max_concurrent_runs: 1\n")) {
            assertThat(t.post("/pipelines/gated/runs?mode=async", "{\"inputs\": {\"id\": \"1\"}}").statusCode())
                    .isEqualTo(202);
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"2\", \"x\": 1}}").statusCode())
                    .isEqualTo(429);
            Nodes.release.countDown();
        }
    }
}
