package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeoutTest {
    @TempDir
    Path dir;

    @Test
    void aRunLongerThanTheRequestTimeoutIs504AndAbandoned() throws Exception {
        Nodes.resetGate(1);
        try (TestServer t = TestServer.start(dir, "request_timeout: 200ms\n")) {
            HttpResponse<String> r = t.post("/pipelines/gated/runs", "{\"inputs\": {\"id\": \"slow\"}}");

            assertThat(r.statusCode()).isEqualTo(504);
            JsonNode body = new ObjectMapper().readTree(r.body());
            String runId = body.get("run_id").asText();
            assertThat(body.get("error").asText()).isEqualTo("run " + runId + " of pipeline 'gated' did not finish "
                    + "within 200ms (request_timeout); it was abandoned and its nodes may still be running");
            assertThat(Nodes.entered.getCount()).isZero(); // the node did start and is still holding

            Nodes.release.countDown();
            assertThat(t.server.stop(Duration.ofSeconds(10))).isTrue(); // the abandoned run finished
        }
    }

    @Test
    void aRunWithinTheTimeoutIsAnswered() {
        try (TestServer t = TestServer.start(dir, "request_timeout: 5s\n")) {
            HttpResponse<String> r = t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}");

            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
