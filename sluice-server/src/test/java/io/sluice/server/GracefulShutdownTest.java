package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void stopLetsTheInFlightRunFinishRefusesNewOnesThenCloses() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "")) {
            int port = t.server.port();
            CompletableFuture<HttpResponse<String>> inFlight = t.client.sendAsync(
                    HttpRequest.newBuilder(t.uri("/pipelines/gated/runs"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"last\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(
                    () -> t.server.stop(Duration.ofSeconds(20)));
            HttpResponse<String> ready = t.get("/ready");
            for (int i = 0; i < 500 && ready.statusCode() == 200; i++) {
                Thread.sleep(5); // stop() runs on another thread; wait for it to begin draining
                ready = t.get("/ready");
            }
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"draining\"}");

            HttpResponse<String> refused = t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).isEqualTo("{\"error\":\"the server is shutting down; send the run to another "
                    + "instance\"}");
            assertThat(stopped).isNotDone();

            Nodes.release.countDown();
            HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).contains("\"outputs\":{\"held\":\"done:last\"}");
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void stopWaitsForAsyncRunsToEndToo() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "")) {
            String location = t.post("/pipelines/gated/runs?mode=async", "{\"inputs\": {\"id\": \"a\"}}")
                    .headers().firstValue("Location").orElseThrow();
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(
                    () -> t.server.stop(Duration.ofSeconds(20)));
            for (int i = 0; i < 500 && t.get("/ready").statusCode() == 200; i++) {
                Thread.sleep(5);
            }
            assertThat(t.get(location).body()).contains("\"status\":\"running\"");
            assertThat(stopped).isNotDone();

            Nodes.release.countDown();
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void stopGivesUpAfterTheGracePeriod() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "")) {
            CompletableFuture<HttpResponse<String>> stuck = t.client.sendAsync(
                    HttpRequest.newBuilder(t.uri("/pipelines/gated/runs"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"x\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Nodes.entered.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(t.server.stop(Duration.ofMillis(100))).isFalse();
            Nodes.release.countDown();
            stuck.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        }
    }
}
