package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunked body has no length to check up front: the limit ({@code max_body_bytes}) is found while
 * reading, and the client must still get a 413 with the JSON error, never a connection closed
 * without a status. Sent on a plain socket, chunk by chunk as the test chooses.
 */
class ChunkedBodiesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOO_LARGE = "request body is too large; the limit is 1024 bytes (max_body_bytes)";

    @TempDir
    Path dir;
    TestServer t;
    RawHttp http;

    @BeforeEach
    void start() {
        t = TestServer.start(dir, "max_body_bytes: 1KiB\n");
        http = new RawHttp(t.server.port());
    }

    @AfterEach
    void stop() {
        http.close();
        t.close();
    }

    /** A words request of exactly {@code size} bytes (padded with spaces inside the object). */
    private static byte[] words(int size) {
        String json = "{\"inputs\": {\"words\": [\"a\", \"b\", \"a\"]}";
        return (json + " ".repeat(size - json.length() - 1) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertTooLarge(RawHttp.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.headers()).containsEntry("content-type", "application/json");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo(TOO_LARGE);
    }

    @Test
    void manySmallChunksOverTheLimitGet413WithTheJsonError() throws Exception {
        assertTooLarge(http.post("/pipelines/words/runs", words(5_000), 100, false));
    }

    @Test
    void oneChunkLargerThanTheLimitGets413() throws Exception {
        assertTooLarge(http.post("/pipelines/words/runs", words(4_096), 4_096, false));
    }

    @Test
    void aChunkThatCrossesTheLimitAtTheEndGets413() throws Exception {
        assertTooLarge(http.post("/pipelines/words/runs", words(1_025), 1_000, false));
    }

    @Test
    void aClientThatWritesItsWholeBodyBeforeReadingStillGetsTheStatus() throws Exception {
        assertTooLarge(http.post("/pipelines/words/runs", words(200_000), 8_192, true));
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitRuns() throws Exception {
        RawHttp.Response r = http.post("/pipelines/words/runs", words(1_024), 100, false);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"counts\":{\"a\":2,\"b\":1}");
    }

    @Test
    void theServerKeepsServingAfterRefusingLargeBodies() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertTooLarge(http.post("/pipelines/words/runs", words(50_000), 1 + i * 997, i % 2 == 0));
        }

        assertThat(t.get("/health").statusCode()).isEqualTo(200);
        assertThat(http.post("/pipelines/words/runs", words(300), 64, false).body()).contains("\"counts\":{\"a\":2,\"b\":1}");
    }
}
