package io.sluice.datasets.http;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.datasets.http.TestHttpServer.Reply;
import io.sluice.datasets.http.TestHttpServer.Seen;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineHealth;
import io.sluice.pipeline.Pipeline;
import io.sluice.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} engine against a real local server: headers, tokens, retries, timeouts, ping, config errors. */
class HttpEngineTest {
    private static final String TOKEN = "tok-3f9a-SECRET-77c1";
    private static TestHttpServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = new TestHttpServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static int one() {
        return 1;
    }

    /** A session whose engines.yml is {@code engines} and whose credentials.yml holds {@code api_token}. */
    private Session session(String engines) {
        return HttpProject.of(Pipeline.of(node(HttpEngineTest::one).outputs("x"))).compile(dir, Map.of(
                "conf/base/engines.yml", engines,
                "conf/local/credentials.yml", "api_token:\n  token: " + TOKEN + "\n"));
    }

    private String engine(String extra) {
        return "api:\n  type: http\n  base_url: " + server.url() + "/v1\n  credentials: api_token\n" + extra;
    }

    private static HttpApi client(Session session) {
        return (HttpApi) session.engines().find("api").orElseThrow().get();
    }

    @Test
    void everyRequestCarriesTheDefaultHeadersAndTheBearerTokenFromCredentials() {
        server.on("/v1/things", Reply.json(200, "{\"ok\":true}"));
        try (Session session = session(engine("  headers:\n    Accept: application/json\n    X-Client: sluice\n"))) {
            HttpApi api = client(session);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = api.getJson("/things", query("q", "a b", "tag", List.of("x", "y")), Map.class);

            assertThat(body).containsEntry("ok", true);
            Seen seen = server.requests().get(0);
            assertThat(seen.pathAndQuery()).isEqualTo("/v1/things?q=a%20b&tag=x&tag=y");
            assertThat(seen.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(seen.header("Accept")).isEqualTo("application/json");
            assertThat(seen.header("X-Client")).isEqualTo("sluice");
        }
    }

    @Test
    void aHeaderPlaceholderTakesItsValueFromTheCredentials() {
        server.on("/v1/k", Reply.json(200, "{}"));
        try (Session session = session(engine("  headers:\n    X-Api-Key: \"{credentials.token}\"\n"))) {
            client(session).get("/k");

            assertThat(server.requests().get(0).header("X-Api-Key")).isEqualTo(TOKEN);
            assertThat(server.requests().get(0).header("Authorization")).as("placeholders replace the implicit bearer")
                    .isNull();
        }
    }

    @Test
    void theTokenIsNeverInDescribeErrorsOrLogLines() {
        // the server echoes what it got, as some APIs do in their error bodies
        server.on("/v1/echo", s -> Reply.json(401, "{\"error\":\"bad token " + s.header("Authorization") + "\"}"));
        server.on("/v1/flaky", Reply.status(503), Reply.json(200, "{}"));
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (Session session = session(engine("  retry: {initial_backoff: 10ms}\n"))) {
            String described = session.engines().describe("api").toString();
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/echo"), HttpApiException.class);
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try {
                client(session).get("/flaky", Map.of("api_key", TOKEN));
            } finally {
                System.setErr(err);
            }
            String logged = logs.toString(StandardCharsets.UTF_8);

            assertThat(described).doesNotContain(TOKEN).contains("credentials={token=****}")
                    .contains("auth=bearer token from credentials 'api_token'");
            assertThat(e.getMessage()).contains("answered 401 Unauthorized").contains("bad token Bearer ****")
                    .doesNotContain(TOKEN);
            assertThat(logged).contains("answered 503 on attempt 1 of 4").contains("api_key=****")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void secretsWrittenIntoHeadersOrTheUrlAreMaskedInDescribeAndErrorsToo() {
        String engines = "api:\n  type: http\n  base_url: http://bot:url-pass-1234@127.0.0.1:" + server.port()
                + "/v1\n  headers:\n    X-Api-Key: literal-key-5678\n    Accept: application/json\n";
        try (Session session = session(engines)) {
            String described = session.engines().describe("api").toString();

            assertThat(described).doesNotContain("url-pass-1234").doesNotContain("literal-key-5678")
                    .contains("X-Api-Key=****").contains("Accept=application/json").contains("bot:****@");
        }
        server.on("/v1/k", s -> Reply.json(400, "{\"echo\":\"" + s.header("X-Api-Key") + "\"}"));
        try (Session session = session("api:\n  type: http\n  base_url: " + server.url() + "/v1\n"
                + "  headers:\n    X-Api-Key: literal-key-5678\n")) {
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/k"), HttpApiException.class);

            assertThat(server.requests().get(0).header("X-Api-Key")).isEqualTo("literal-key-5678");
            assertThat(e.getMessage()).contains("{\"echo\":\"****\"}").doesNotContain("literal-key-5678");
        }
    }

    @Test
    void aUserAndPasswordBecomeBasicAuthenticationAndAnUnknownCredentialKeyIsRefused() {
        server.on("/v1/me", Reply.json(200, "{}"));
        String engines = "api:\n  type: http\n  base_url: " + server.url() + "/v1\n  credentials: login\n";
        Pipeline pipeline = Pipeline.of(node(HttpEngineTest::one).outputs("x"));
        try (Session session = HttpProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/local/credentials.yml", "login:\n  user: bot\n  password: pw-" + TOKEN + "\n"))) {
            client(session).get("/me");

            String expected = java.util.Base64.getEncoder().encodeToString(("bot:pw-" + TOKEN)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Basic " + expected);
            assertThat(session.engines().describe("api").toString()).contains("auth=basic (user bot)")
                    .doesNotContain(TOKEN).doesNotContain(expected);
            assertThat(client(session).mask("sent Basic " + expected)).isEqualTo("sent ****");
        }
        assertThatThrownBy(() -> HttpProject.of(pipeline).compile(dir, Map.of("conf/base/engines.yml", engines,
                "conf/local/credentials.yml", "login:\n  user: bot\n  pasword: x\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("credentials.yml:3:3")
                .hasMessageContaining("unknown key 'pasword'")
                .hasMessageContaining("Did you mean 'password'?");
    }

    @Test
    void redirectsAreFollowedWithinTheOriginOnly() {
        server.on("/v1/old", Reply.status(301).header("Location", "/v1/new"));
        server.on("/v1/new", Reply.json(200, "{\"moved\":true}"));
        server.on("/v1/away", Reply.status(302).header("Location", "http://elsewhere.example/x"));
        try (Session session = session(engine(""))) {
            HttpApiResponse r = client(session).get("/old");

            assertThat(r.uri().getPath()).isEqualTo("/v1/new");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(server.requests("/v1/new").get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThatThrownBy(() -> client(session).get("/away")).isInstanceOf(HttpApiException.class)
                    .hasMessageContaining("answered 302")
                    .hasMessageContaining("only redirects within http://127.0.0.1:" + server.port() + " are followed");
        }
    }

    @Test
    void a503IsRetriedWithExponentialBackoffUntilItSucceeds() {
        server.on("/v1/busy", Reply.status(503), Reply.status(503), Reply.json(200, "{\"n\":1}"));
        try (Session session = session(engine(
                "  retry: {max_attempts: 4, initial_backoff: 100ms, multiplier: 2.0, jitter: 0.0}\n"))) {
            HttpApiResponse r = client(session).get("/busy");

            List<Seen> seen = server.requests("/v1/busy");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(seen).hasSize(3);
            assertThat(millisBetween(seen.get(0), seen.get(1))).isGreaterThanOrEqualTo(100);
            assertThat(millisBetween(seen.get(1), seen.get(2))).as("the wait doubles").isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void a429IsRetriedAfterTheWaitItsRetryAfterAsksFor() {
        server.on("/v1/limited", Reply.status(429).header("Retry-After", "1"), Reply.json(200, "{}"));
        try (Session session = session(engine("  retry: {initial_backoff: 10ms, max_backoff: 20ms}\n"))) {
            HttpApiResponse r = client(session).get("/limited");

            List<Seen> seen = server.requests("/v1/limited");
            assertThat(r.status()).isEqualTo(200);
            assertThat(seen).hasSize(2);
            assertThat(millisBetween(seen.get(0), seen.get(1))).isGreaterThanOrEqualTo(950);
        }
    }

    @Test
    void aRetryAfterLongerThanTheLimitEndsTheRetriesAtOnceSayingSo() {
        server.on("/v1/later", Reply.status(429).header("Retry-After", "3600"));
        try (Session session = session(engine("  retry: {max_retry_after: 5s}\n"))) {
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/later"), HttpApiException.class);

            assertThat(server.requests()).hasSize(1);
            assertThat(e.getMessage()).contains("answered 429 Too Many Requests after 1 attempt")
                    .contains("asked to wait 3600 s (Retry-After), longer than retry.max_retry_after (5 s)");
        }
    }

    @Test
    void a400OrA404IsNotRetriedAndTheErrorNamesStatusUrlAndBody() {
        server.on("/v1/missing", Reply.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"x\"}"));
        server.on("/v1/bad", Reply.json(400, "{\"message\":\"per_page must be <= 100\"}"));
        try (Session session = session(engine("  retry: {initial_backoff: 10ms}\n"))) {
            HttpApiException missing = catchThrowableOfType(() -> client(session).get("/missing", Map.of("page", 2)),
                    HttpApiException.class);
            HttpApiException bad = catchThrowableOfType(() -> client(session).get("/bad"), HttpApiException.class);

            assertThat(server.requests()).hasSize(2);
            assertThat(missing.status()).hasValue(404);
            assertThat(missing.getMessage()).contains("engine 'api' (http, conf/base/engines.yml:1:1)")
                    .contains("GET " + server.url() + "/v1/missing?page=2 answered 404 Not Found after 1 attempt")
                    .contains("{\"message\":\"Not Found\"").contains("Check the path and query");
            assertThat(bad.getMessage()).contains("answered 400 Bad Request").contains("per_page must be <= 100");
        }
    }

    @Test
    void aServerThatKeepsFailingIsGivenUpOnAfterMaxAttempts() {
        server.on("/v1/down", Reply.json(500, "{\"error\":\"boom\"}"));
        try (Session session = session(engine("  retry: {max_attempts: 3, initial_backoff: 10ms}\n"))) {
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/down"), HttpApiException.class);

            assertThat(server.requests()).hasSize(3);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage()).contains("answered 500 Internal Server Error after 3 attempts")
                    .contains("boom").contains("raise retry.max_attempts (3)");
        }
    }

    @Test
    void aPostIsSentOnceUnlessRetryMethodsIncludeIt() {
        server.on("/v1/items", Reply.status(503));
        try (Session session = session(engine("  retry: {initial_backoff: 10ms}\n"))) {
            assertThatThrownBy(() -> client(session).postJson("/items", Map.of("a", 1)))
                    .isInstanceOf(HttpApiException.class).hasMessageContaining("POST answers of 503 are not retried");
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).body()).isEqualTo("{\"a\":1}");
            assertThat(server.requests().get(0).header("Content-Type")).isEqualTo("application/json");
        }
        server.reset();
        server.on("/v1/items", Reply.status(503), Reply.status(201));
        try (Session session = session(engine("  retry: {initial_backoff: 10ms, methods: [GET, POST]}\n"))) {
            assertThat(client(session).postJson("/items", List.of(1)).status()).isEqualTo(201);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithoutAStatus() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String engines = "api:\n  type: http\n  base_url: http://127.0.0.1:" + closed + "\n"
                + "  retry: {max_attempts: 2, initial_backoff: 10ms}\n";
        try (Session session = session(engines)) {
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/x"), HttpApiException.class);

            assertThat(e.status()).isEmpty();
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.getMessage()).contains("GET http://127.0.0.1:" + closed + "/x got no answer after 2 attempts: "
                    + "the connection was refused").contains("is up and reachable");
        }
    }

    @Test
    void aSlowAnswerTimesOutAfterRequestTimeout() {
        server.on("/v1/slow", Reply.json(200, "{}").delayed(3000));
        try (Session session = session(engine("  request_timeout: 300ms\n  retry: {max_attempts: 2, "
                + "initial_backoff: 10ms}\n"))) {
            long start = System.nanoTime();
            HttpApiException e = catchThrowableOfType(() -> client(session).get("/slow"), HttpApiException.class);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(e.getMessage()).contains("got no answer after 2 attempts: no answer within 300 ms "
                    + "(request_timeout)").contains("Give the server more time");
            assertThat(server.requests("/v1/slow")).hasSize(2);
            assertThat(millis).isBetween(600L, 2500L);
        }
    }

    @Test
    void pingGetsTheHealthPathAndIsDownWithTheStatusWhenItFails() {
        server.on("/v1/health", Reply.json(200, "{\"status\":\"up\"}"));
        server.on("/v1/broken", Reply.json(503, "{\"status\":\"down\"}"));
        try (Session session = session(engine("  health_path: /health\n")
                + "sick:\n  type: http\n  base_url: " + server.url() + "/v1\n  health_path: broken\n")) {
            List<EngineHealth> health = session.engines().ping(List.of("api", "sick"), Duration.ofSeconds(5));

            assertThat(health.get(0).up()).isTrue();
            assertThat(health.get(1).up()).isFalse();
            assertThat(health.get(1).problem().orElseThrow()).startsWith("engine 'sick' (http, conf/base/engines.yml:6:1)"
                    + " failed its health check: GET " + server.url() + "/v1/broken answered 503 Service Unavailable: "
                    + "{\"status\":\"down\"}. Check health_path");
            assertThat(server.requests("/v1/broken")).as("a ping is not retried").hasSize(1);
        }
    }

    @Test
    void aMisspeltOptionIsRefusedAtItsLineWithTheClosestKey() {
        assertThatThrownBy(() -> session(engine("  request_timout: 5s\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:5:3")
                .hasMessageContaining("unknown key 'request_timout'")
                .hasMessageContaining("Did you mean 'request_timeout'?");
        assertThatThrownBy(() -> session(engine("  retry:\n    max_attemps: 3\n")))
                .isInstanceOf(EngineConfigException.class)
                .hasMessageContaining("conf/base/engines.yml:6:5")
                .hasMessageContaining("Did you mean 'max_attempts'?");
    }

    @Test
    void badValuesAndMissingKeysAreRefusedNamingTheEngine() {
        assertThatThrownBy(() -> session("api:\n  type: http\n  headers: {Accept: x}\n"))
                .isInstanceOf(EngineConfigException.class).hasMessageContaining("engines.yml:1:1")
                .hasMessageContaining("missing required key 'base_url'");
        assertThatThrownBy(() -> session("api:\n  type: http\n  base_url: ftp://host/x\n"))
                .isInstanceOf(EngineConfigException.class).hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> session(engine("  headers:\n    X-Key: \"{credentials.tokn}\"\n")))
                .isInstanceOf(EngineConfigException.class).hasMessageContaining("no key 'tokn'")
                .hasMessageContaining("Keys present: token");
        assertThatThrownBy(() -> session("api:\n  type: http\n  base_url: " + server.url() + "\n  headers:\n"
                + "    Authorization: \"Bearer {credentials.token}\"\n"))
                .isInstanceOf(EngineConfigException.class).hasMessageContaining("engines.yml:1:1")
                .hasMessageContaining("the engine has no credentials");
        assertThatThrownBy(() -> session(engine("  retry: {jitter: 1.5}\n")))
                .isInstanceOf(EngineConfigException.class).hasMessageContaining("jitter must be from 0.0 to 1.0");
    }

    private static Map<String, Object> query(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> q = new java.util.LinkedHashMap<>();
        q.put(k1, v1);
        q.put(k2, v2);
        return q;
    }

    private static long millisBetween(Seen a, Seen b) {
        return (b.nanos() - a.nanos()) / 1_000_000;
    }
}
