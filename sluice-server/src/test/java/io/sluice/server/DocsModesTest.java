package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs: off | public | protected} with and without {@code auth}, over real HTTP: who may
 * read Swagger UI and the OpenAPI document, and that the runs keep needing the token.
 */
class DocsModesTest {
    private static final String TOKEN = "t0k-docs";
    private static final String AUTH = "auth:\n  bearer_token_credentials: api_token\n";
    private static final Map<String, String> CREDENTIALS = Map.of("conf/local/credentials.yml",
            "api_token: " + TOKEN + "\n");
    private static final String RUN = "{\"inputs\": {\"id\": \"a\", \"x\": 1}}";

    @TempDir
    Path dir;

    private static HttpResponse<String> withToken(TestServer t, String path) {
        return t.send(HttpRequest.newBuilder(t.uri(path)).header("Authorization", "Bearer " + TOKEN).GET());
    }

    private static int runWithToken(TestServer t) {
        return t.send(HttpRequest.newBuilder(t.uri("/pipelines/echo/runs")).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(RUN))).statusCode();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void byDefaultWithAuthThePageIsPublicAndAsksForTheTokenTheDocumentNeeds() throws Exception {
        try (TestServer t = TestServer.start(dir, AUTH, CREDENTIALS)) {
            assertThat(t.server.config().docs()).isEqualTo(ServerConfig.Docs.PROTECTED);
            assertThat(t.get("/docs").statusCode()).isEqualTo(302);
            HttpResponse<String> page = t.get("/docs/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<div id=\"swagger-ui\">");
            assertThat(t.get("/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
            assertThat(t.get("/docs/swagger-initializer.js").body()).contains("window.prompt(",
                    "\"Authorization\": \"Bearer \" + token", "preauthorizeApiKey(\"bearer\", token)", "sessionStorage");

            assertThat(t.get("/openapi.json").statusCode()).isEqualTo(401);
            HttpResponse<String> doc = withToken(t, "/openapi.json");
            assertThat(doc.statusCode()).isEqualTo(200);
            JsonNode bearer = json(doc).at("/components/securitySchemes/bearer");
            assertThat(bearer.path("type").asText()).isEqualTo("http");
            assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
            assertThat(json(doc).at("/security/0/bearer").isArray()).isTrue();
            assertThat(json(doc).at("/paths/~1health/get/security").size()).as("probes need no token").isZero();

            assertThat(t.post("/pipelines/echo/runs", RUN).statusCode()).isEqualTo(401);
            assertThat(runWithToken(t)).isEqualTo(200);
            assertThat(t.get("/docs/other.js").statusCode()).as("only the page's own files").isEqualTo(404);
        }
    }

    @Test
    void publicServesTheDocumentToAnyoneButTheRunsStillNeedTheToken() throws Exception {
        try (TestServer t = TestServer.start(dir, AUTH + "docs: public\n", CREDENTIALS)) {
            HttpResponse<String> doc = t.get("/openapi.json");
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(json(doc).at("/components/securitySchemes/bearer/scheme").asText())
                    .as("so that Swagger UI's Authorize button asks for it").isEqualTo("bearer");
            assertThat(t.get("/docs/").statusCode()).isEqualTo(200);
            assertThat(t.get("/docs/swagger-initializer.js").body()).contains("url: \"../openapi.json\"")
                    .doesNotContain("prompt");

            assertThat(t.post("/pipelines/echo/runs", RUN).statusCode()).isEqualTo(401);
            assertThat(t.get("/pipelines").statusCode()).isEqualTo(401);
            assertThat(runWithToken(t)).isEqualTo(200);
        }
    }

    @Test
    void offServesNeitherThePageNorTheDocument() {
        try (TestServer t = TestServer.start(dir, AUTH + "docs: off\n", CREDENTIALS)) {
            assertThat(t.get("/docs/").statusCode()).as("unknown paths need the token first").isEqualTo(401);
            HttpResponse<String> page = withToken(t, "/docs/");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).doesNotContain("/docs,").doesNotContain("/openapi.json");
            assertThat(withToken(t, "/docs/swagger-ui-bundle.js").statusCode()).isEqualTo(404);
            assertThat(withToken(t, "/openapi.json").statusCode()).isEqualTo(404);
            assertThat(runWithToken(t)).isEqualTo(200);
        }
    }

    @Test
    void offWithoutAuthIs404Too() {
        try (TestServer t = TestServer.start(dir, "docs: off\n")) {
            assertThat(t.get("/docs").statusCode()).isEqualTo(404);
            assertThat(t.get("/openapi.json").statusCode()).isEqualTo(404);
            assertThat(t.get("/pipelines").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAuthProtectedAndPublicServeEverythingWithoutAPrompt() throws Exception {
        for (String mode : new String[] {"protected", "public"}) {
            try (TestServer t = TestServer.start(dir, "docs: " + mode + "\n")) {
                assertThat(t.get("/docs/").statusCode()).as(mode).isEqualTo(200);
                assertThat(t.get("/docs/swagger-initializer.js").body()).as(mode).doesNotContain("prompt");
                HttpResponse<String> doc = t.get("/openapi.json");
                assertThat(doc.statusCode()).as(mode).isEqualTo(200);
                assertThat(json(doc).at("/components/securitySchemes").isMissingNode()).as(mode).isTrue();
            }
        }
    }
}
