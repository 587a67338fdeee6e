package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
    static final String TOKEN = "s3cret-t0ken";

    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = TestServer.start(dir, "auth:\n  bearer_token_credentials: api_token\n",
                Map.of("conf/local/credentials.yml", "api_token: " + TOKEN + "\n"));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> get(String path, String authorization) {
        return t.send(HttpRequest.newBuilder(t.uri(path)).header("Authorization", authorization).GET());
    }

    @Test
    void missingTokenIs401WithAChallenge() {
        HttpResponse<String> r = t.get("/pipelines");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sluice\"");
        assertThat(r.body()).isEqualTo("{\"error\":\"missing bearer token: send the header "
                + "'Authorization: Bearer <token>'\"}");
    }

    @Test
    void wrongTokenIs401InvalidToken() {
        HttpResponse<String> r = get("/pipelines", "Bearer nope");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"sluice\", error=\"invalid_token\"");
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid bearer token\"}");
        assertThat(get("/pipelines", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void everyEndpointButTheProbesNeedsTheToken() {
        assertThat(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": 1}}").statusCode())
                .isEqualTo(401);
        assertThat(t.get("/openapi.json").statusCode()).isEqualTo(401);
        assertThat(t.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(t.get("/runs/x").statusCode()).isEqualTo(401);
        assertThat(t.send(HttpRequest.newBuilder(t.uri("/runs/x")).DELETE()).statusCode()).isEqualTo(401);
        assertThat(t.send(HttpRequest.newBuilder(t.uri("/pipelines")).DELETE()).statusCode()).isEqualTo(401);
        assertThat(t.get("/unknown").statusCode()).isEqualTo(401);
        assertThat(t.get("/health").statusCode()).isEqualTo(200);
        assertThat(t.get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void theRightTokenIsAccepted() throws Exception {
        assertThat(get("/pipelines", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> run = t.send(HttpRequest.newBuilder(t.uri("/pipelines/echo/runs"))
                .header("Authorization", "bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"a\", \"x\": 1}}")));
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(get("/openapi.json", "Bearer " + TOKEN).body())
                .at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void theTokenIsNeverShown() {
        assertThat(t.server.config().bearerToken()).isEqualTo(TOKEN);
        assertThat(t.server.config().toString()).doesNotContain(TOKEN).contains("bearerToken=***");
    }
}
