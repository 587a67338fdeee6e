package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code GET /docs} (Swagger UI from its webjar) and {@code access_log: true}. */
class DocsAndAccessLogTest {
    @TempDir
    Path dir;

    @Test
    void docsServeSwaggerUiFromItsJarOnTheServersOwnOpenApiDocument() {
        try (TestServer t = TestServer.start(dir, "")) {
            HttpResponse<String> bare = t.get("/docs");
            assertThat(bare.statusCode()).isEqualTo(302);
            assertThat(bare.headers().firstValue("Location")).hasValue("/docs/");

            HttpResponse<String> page = t.get("/docs/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<div id=\"swagger-ui\">", "./swagger-ui-bundle.js",
                    "./swagger-initializer.js").doesNotContain("https://");

            assertThat(t.get("/docs/swagger-initializer.js").body()).contains("url: \"../openapi.json\"")
                    .doesNotContain("petstore");
            HttpResponse<String> bundle = t.get("/docs/swagger-ui-bundle.js");
            assertThat(bundle.statusCode()).isEqualTo(200);
            assertThat(bundle.body().length()).isGreaterThan(100_000);
            assertThat(bundle.body()).contains("SwaggerUIBundle");
            HttpResponse<String> other = t.get("/docs/pom.properties");
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).contains("no file /docs/pom.properties");
        }
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithStatusAndNoHeaders() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (TestServer t = TestServer.start(dir, "access_log: true\n")) {
            t.send(HttpRequest.newBuilder(t.uri("/pipelines/echo/runs")).header("Authorization", "Bearer secret-x")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"id\": \"a\", \"x\": 1}}")));
            t.get("/nope");
            for (int i = 0; i < 100 && lines.list.size() < 2; i++) {
                Thread.sleep(10); // logged once the answer has been sent
            }
        } finally {
            access.detachAppender(lines);
        }
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).matches("127\\.0\\.0\\.1 - - \\[.+\\] \"POST /pipelines/echo/runs HTTP/1\\.1\" 200 \\d+ \\d+ ms");
        assertThat(logged.get(1)).matches("127\\.0\\.0\\.1 - - \\[.+\\] \"GET /nope HTTP/1\\.1\" 404 \\d+ \\d+ ms");
        assertThat(String.join("\n", logged)).doesNotContain("secret-x");
    }

    @Test
    void withoutTheSwitchNothingIsLogged() {
        Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try (TestServer t = TestServer.start(dir, "")) {
            assertThat(t.get("/health").statusCode()).isEqualTo(200);
        } finally {
            access.detachAppender(lines);
        }
        assertThat(lines.list).isEmpty();
    }
}
