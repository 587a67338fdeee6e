package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigException;
import io.sluice.journal.JournalStore;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ?runner=NAME} on run requests, and {@code runners:} of the server config that allows names. */
class ServedRunnersTest {
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":\"([^\"]+)\"");
    private static final String ECHO = "{\"inputs\":{\"id\":\"a\",\"x\":1}}";
    private static final String RUNNERS = "wide: {type: parallel, max_workers: 2}\nonce: {launcher: serve}\n";

    @TempDir
    Path dir;

    private String journalledRunner(HttpResponse<String> r) {
        Matcher m = RUN_ID.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return new JournalStore(dir).read(m.group(1)).orElseThrow().parts().get(0).runner();
    }

    @Test
    void aRequestRunsThroughAnAllowedRunnerAndTheDefaultOneOtherwise() {
        try (TestServer t = TestServer.start(dir, "journal: true\nrunners: [wide]\n",
                Map.of("conf/base/runners.yml", RUNNERS))) {
            HttpResponse<String> plain = t.post("/pipelines/echo/runs", ECHO);
            HttpResponse<String> wide = t.post("/pipelines/echo/runs?runner=wide", ECHO);

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(journalledRunner(plain)).isEqualTo("sequential");
            assertThat(wide.statusCode()).isEqualTo(200);
            assertThat(wide.body()).endsWith("\"outputs\":{\"tagged\":\"a=2\"}}");
            assertThat(journalledRunner(wide)).isEqualTo("wide");
        }
    }

    @Test
    void anAsyncRunTakesTheRunnerToo() throws Exception {
        try (TestServer t = TestServer.start(dir, "journal: true\nrunners: [wide]\n",
                Map.of("conf/base/runners.yml", RUNNERS))) {
            HttpResponse<String> accepted = t.post("/pipelines/echo/runs?mode=async&runner=wide", ECHO);
            assertThat(accepted.statusCode()).isEqualTo(202);
            Matcher m = RUN_ID.matcher(accepted.body());
            assertThat(m.find()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String status = "";
            while (System.nanoTime() < deadline && !status.contains("succeeded")) {
                status = t.get("/runs/" + m.group(1)).body();
                Thread.sleep(10);
            }
            assertThat(status).contains("succeeded");
            assertThat(new JournalStore(dir).read(m.group(1)).orElseThrow().parts().get(0).runner())
                    .isEqualTo("wide");
        }
    }

    @Test
    void aRunnerNotAllowedOrALauncherIs400ListingTheAllowedOnes() {
        try (TestServer t = TestServer.start(dir, "runners: [wide]\n", Map.of("conf/base/runners.yml", RUNNERS))) {
            HttpResponse<String> declared = t.post("/pipelines/echo/runs?runner=parallel", ECHO);
            HttpResponse<String> launcher = t.post("/pipelines/echo/runs?runner=once", ECHO);

            assertThat(declared.statusCode()).isEqualTo(400);
            assertThat(declared.body()).isEqualTo("{\"error\":\"runner: 'parallel' is not a runner this server "
                    + "allows; allowed runners: sequential, wide (runners: in server.yml or in the serve launcher's "
                    + "entry)\"}");
            assertThat(launcher.statusCode()).isEqualTo(400);
            assertThat(launcher.body()).contains("'once' is a run launcher, and launchers are not run per request");
            assertThat(t.get("/metrics").body()).contains("status=\"400\"");
        }
    }

    @Test
    void byDefaultOnlyTheDefaultRunnerIsAllowed() {
        try (TestServer t = TestServer.start(dir, "")) {
            assertThat(t.post("/pipelines/echo/runs?runner=sequential", ECHO).statusCode()).isEqualTo(200);
            HttpResponse<String> r = t.post("/pipelines/echo/runs?runner=parallel", ECHO);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("allowed runners: sequential (");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheRunnerParameter() {
        try (TestServer t = TestServer.start(dir, "runners: [wide]\n", Map.of("conf/base/runners.yml", RUNNERS))) {
            assertThat(t.get("/openapi.json").body()).contains("\"name\" : \"runner\"",
                    "\"enum\" : [ \"sequential\", \"wide\" ]");
        }
    }

    @Test
    void runnersOfServerYmlMustBeRunnerEntries() {
        TestServer.write(dir, Map.of("conf/base/server.yml", "port: 0\nrunners: [wdie, once]\n",
                "conf/base/runners.yml", RUNNERS));
        try (Session s = Session.compile(new TestServer.TestProject(Nodes.pipelines()),
                new SessionOptions(dir, "local", Map.of()))) {
            assertThatThrownBy(() -> ServerConfig.of(s)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("conf/base/server.yml:2:")
                    .hasMessageContaining("runners lists 'wdie', which is no runner entry of runners.yml. "
                            + "Did you mean 'wide'?");
            TestServer.write(dir, Map.of("conf/base/server.yml", "port: 0\nrunners: [once]\n"));
        }
        try (Session s = Session.compile(new TestServer.TestProject(Nodes.pipelines()),
                new SessionOptions(dir, "local", Map.of()))) {
            assertThatThrownBy(() -> ServerConfig.of(s)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("runners lists 'once', which is a run launcher");
            assertThat(ServerConfig.defaults().withRunners(List.of("wide")).runners()).containsExactly("wide");
        }
    }
}
