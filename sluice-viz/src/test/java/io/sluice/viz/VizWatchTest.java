package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice viz --watch} without a browser: {@link WatchedSource} behind the server, over HTTP. */
class VizWatchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    VizServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        VizTestProject.write(dir);
        WatchedSource.Loader loader = () -> VizSource.owning(VizTestProject.open(dir));
        WatchedSource watched = WatchedSource.start(loader.load(), loader, List.of(dir.resolve("conf")),
                List.of(dir.resolve(".sluice/runs")), Duration.ofMillis(100));
        server = VizServer.start(watched, 0, 20);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    /** Polls api/version.json until {@code until} holds, at most {@link #WAIT}. */
    private JsonNode awaitVersion(Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode v = get("api/version.json");
        while (!until.test(v)) {
            assertThat(System.nanoTime()).as("version.json still " + v).isLessThan(deadline);
            Thread.sleep(50);
            v = get("api/version.json");
        }
        return v;
    }

    private String regressorPath() throws Exception {
        return get("api/pipelines/__default__.json").path("configs").path("regressor").path("config")
                .path("filepath").asText();
    }

    private void writeCatalog(String from, String to) throws IOException {
        Path catalog = dir.resolve("conf/base/catalog.yml");
        Files.writeString(catalog, Files.readString(catalog).replace(from, to));
    }

    @Test
    void aChangedConfFileOrANewRunMakesANewVersionWithTheNewData() throws Exception {
        JsonNode first = get("api/version.json");
        assertThat(first.path("version").asLong()).isEqualTo(1);
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(regressorPath()).isEqualTo("data/regressor.json");

        writeCatalog("data/regressor.json", "data/models/regressor.json");
        JsonNode second = awaitVersion(v -> v.path("version").asLong() > 1);
        assertThat(second.path("error").isNull()).as(second.toString()).isTrue();
        assertThat(regressorPath()).isEqualTo("data/models/regressor.json");

        assertThat(get("api/runs.json").path("runs")).isEmpty();
        try (Session session = VizTestProject.open(dir)) {
            session.run(RunSpec.builder("__default__").runId("r-new").build());
        }
        long before = second.path("version").asLong();
        awaitVersion(v -> v.path("version").asLong() > before);
        assertThat(get("api/runs.json").path("runs").get(0).path("run_id").asText()).isEqualTo("r-new");
        assertThat(get("api/pipelines.json").path("runs").asBoolean()).isTrue();
    }

    @Test
    void aBrokenCatalogIsReportedWhileTheLastGoodVersionIsServedUntilItIsFixed() throws Exception {
        Path catalog = dir.resolve("conf/base/catalog.yml");
        String good = Files.readString(catalog);
        Files.writeString(catalog, good + "broken: [unclosed\n");
        JsonNode broken = awaitVersion(v -> !v.path("error").isNull());
        assertThat(broken.path("error").asText()).contains("catalog.yml");
        assertThat(regressorPath()).as("the last good version").isEqualTo("data/regressor.json");

        Files.writeString(catalog, good.replace("data/regressor.json", "data/fixed.json"));
        long brokenVersion = broken.path("version").asLong();
        JsonNode fixed = awaitVersion(v -> v.path("version").asLong() > brokenVersion);
        assertThat(fixed.path("error").isNull()).as(fixed.toString()).isTrue();
        assertThat(regressorPath()).isEqualTo("data/fixed.json");
    }

    @Test
    void aBurstOfWritesReloadsOnceItSettles() throws Exception {
        for (int i = 0; i < 5; i++) {
            writeCatalog(i == 0 ? "data/regressor.json" : "data/r" + (i - 1) + ".json", "data/r" + i + ".json");
            Thread.sleep(30);
        }
        awaitVersion(v -> v.path("version").asLong() > 1);
        Thread.sleep(500);
        assertThat(get("api/version.json").path("version").asLong()).as("one reload for the burst").isEqualTo(2);
        assertThat(regressorPath()).isEqualTo("data/r4.json");
    }
}
