package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Pipeline;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /ready} pings the engines of the exposed pipelines: 503 naming the one that is down. */
class EngineReadinessTest {
    @TempDir
    Path dir;

    static String where(Path backend, String id) {
        return backend.getFileName() + ":" + id;
    }

    static int plain(int x) {
        return x;
    }

    private static final String ENGINES = """
            backend:
              type: io.sluice.server.FileSwitchEngine
              up_file: backend.up
            other:
              type: io.sluice.server.FileSwitchEngine
              up_file: other.up
            """;

    private TestServer start(String serverYml) {
        return TestServer.start(dir, serverYml, Map.of("conf/base/engines.yml", ENGINES), Map.of(
                "uses_engine", Pipeline.of(node(EngineReadinessTest::where).inputs("engine:backend", "id")
                        .outputs("where")),
                "plain", Pipeline.of(node(EngineReadinessTest::plain).inputs("x").outputs("y"))));
    }

    @Test
    void readyOnlyWhileTheEnginesOfTheExposedPipelinesAnswer() throws Exception {
        Files.writeString(dir.resolve("backend.up"), "");
        try (TestServer t = start("pipelines: [uses_engine]\n")) {
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);

            Files.delete(dir.resolve("backend.up"));
            HttpResponse<String> down = t.get("/ready");

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("engine_unavailable").contains("\"backend\"").doesNotContain("other");

            Files.writeString(dir.resolve("backend.up"), "");
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void enginesOfPipelinesThatAreNotServedAreNotPinged() throws Exception {
        try (TestServer t = start("pipelines: [plain]\n")) {
            assertThat(t.get("/ready").statusCode()).isEqualTo(200);
            assertThat(t.session.engines().created()).containsEntry("backend", false).containsEntry("other", false);
        }
    }
}
