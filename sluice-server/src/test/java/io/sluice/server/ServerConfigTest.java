package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path dir;

    private ProjectConfig load(Map<String, String> files) {
        TestServer.write(dir, files);
        return ConfigLoader.load(dir, "local", Map.of());
    }

    @Test
    void defaultsWithoutServerYml() {
        ServerConfig c = ServerConfig.from(load(Map.of()));

        assertThat(c).isEqualTo(ServerConfig.defaults());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.pipelines()).isEmpty();
        assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxConcurrentRuns()).isZero();
        assertThat(c.bearerToken()).isNull();
        assertThat(c.benchmarkHello()).isFalse();
        assertThat(c.journal()).isFalse();
        assertThat(c.runOn()).isEqualTo(ServerConfig.RunOn.AUTO);
        assertThat(c.ioThreadBudget()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void readsEveryKeyWithTheEnvironmentOverBase() {
        ServerConfig c = ServerConfig.from(load(Map.of(
                "conf/base/server.yml", """
                        host: 0.0.0.0
                        port: 9000
                        pipelines: [scoring, echo]
                        max_body_bytes: 512KiB
                        request_timeout: 5s
                        max_concurrent_runs: 8
                        auth: {bearer_token_credentials: api}
                        io_threads: 2
                        worker_threads: 16
                        async_results: 10
                        shutdown_grace: 1m
                        journal: true
                        benchmark_hello: true
                        run_on: io_thread
                        io_thread_budget: 200ms
                        injectable: [model]
                        params: model.factor, model.bias
                        access_log: true
                        """,
                "conf/local/server.yml", "port: 9001\nrequest_timeout: 250ms\n",
                "conf/local/credentials.yml", "api: {token: abc}\n")));

        assertThat(c).isEqualTo(new ServerConfig("0.0.0.0", 9001, List.of("scoring", "echo"), 512 * 1024,
                Duration.ofMillis(250), 8, "abc", 2, 16, 10, Duration.ofMinutes(1), true, true, ServerConfig.RunOn.IO_THREAD,
                Duration.ofMillis(200), ServerConfig.WarmUp.DEFAULT, "sequential", List.of(), List.of("model"),
                List.of("model.factor", "model.bias"), true, ServerConfig.Docs.PROTECTED));
    }

    @Test
    void unknownKeyIsAnErrorWithFileAndLine() {
        ProjectConfig config = load(Map.of("conf/base/server.yml", "port: 1\nprot: 2\n"));

        assertThatThrownBy(() -> ServerConfig.from(config)).isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/server.yml:2:1: unknown key 'prot' in the server config. Known keys: host, port, "
                        + "pipelines, max_body_bytes, request_timeout, max_concurrent_runs, auth, io_threads, "
                        + "worker_threads, async_results, shutdown_grace, journal, run_on, io_thread_budget, benchmark_hello, "
                        + "warmup, runners, injectable, params, access_log, docs. "
                        + "Did you mean 'port'?");
    }

    @Test
    void badValuesAreErrorsWithFileAndLine() {
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "port: http\n"))))
                .hasMessage("conf/base/server.yml:1:7: port must be an integer from 0 to 65535, got 'http'.");
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "request_timeout: soon\n"))))
                .hasMessage("conf/base/server.yml:1:18: request_timeout must be a duration such as 500ms, 5s, 2m or "
                        + "PT5S, got 'soon'.");
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "max_body_bytes: 1 TB\n"))))
                .hasMessage("conf/base/server.yml:1:17: max_body_bytes must be a size such as 1048576, 512KiB or "
                        + "1MiB, got '1 TB'.");
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "run_on: io\n"))))
                .hasMessage("conf/base/server.yml:1:9: run_on must be auto, worker or io_thread, got 'io'. auto runs "
                        + "in-memory pipelines on the IO thread and the others on workers; worker always dispatches; "
                        + "io_thread never does.");
    }

    @Test
    void docsIsOffPublicOrProtectedAtItsLine() {
        assertThat(ServerConfig.from(load(Map.of("conf/base/server.yml", "docs: public\n"))).docs())
                .isEqualTo(ServerConfig.Docs.PUBLIC);
        assertThat(ServerConfig.from(load(Map.of("conf/base/server.yml", "docs: off\n"))).docs())
                .isEqualTo(ServerConfig.Docs.OFF);
        assertThat(ServerConfig.from(load(Map.of("conf/base/server.yml", "port: 1\n"))).docs())
                .isEqualTo(ServerConfig.Docs.PROTECTED);
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "port: 1\ndocs: private\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/server.yml:2:7: docs must be off, public or protected, got 'private'. off serves "
                        + "neither /docs nor /openapi.json; public serves both to anyone; protected (the default) asks "
                        + "for the bearer token of auth: before showing the API's description.");
    }

    @Test
    void authNeedsTheCredential() {
        ProjectConfig config = load(Map.of("conf/base/server.yml", "auth:\n  bearer_token_credentials: api\n"));

        assertThatThrownBy(() -> ServerConfig.from(config))
                .hasMessage("conf/base/server.yml:2:29: bearer_token_credentials names 'api', but credentials have "
                        + "no token under that key. Add it to conf/local/credentials.yml as api: <token> "
                        + "(or api: {token: <token>}).");
    }

    @Test
    void authNeedsACredentialNameAndNoOtherKey() {
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "auth: {}\n"))))
                .hasMessage("conf/base/server.yml:1:7: auth of the server config needs bearer_token_credentials. "
                        + "Example: auth: {bearer_token_credentials: api_token}");
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml",
                "auth: {bearer_token_credential: api}\n"))))
                .hasMessage("conf/base/server.yml:1:8: unknown key 'bearer_token_credential' in auth of the server "
                        + "config. Known keys: bearer_token_credentials. Did you mean 'bearer_token_credentials'?");
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "auth: api\n"))))
                .hasMessage("conf/base/server.yml:1:7: auth must be a mapping, got 'api'. "
                        + "Example: auth: {bearer_token_credentials: api_token}");
    }

    @Test
    void anEmptyHostIsAConfigError() {
        assertThatThrownBy(() -> ServerConfig.from(load(Map.of("conf/base/server.yml", "port: 1\nhost: ''\n"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(": the server config is invalid: host must not be empty.");
    }

    @Test
    void valuesMayComeFromEnvironmentVariables() {
        TestServer.write(dir, Map.of("conf/base/server.yml", "port: ${env:PORT}\npipelines: ${env:EXPOSED}\n"
                + "journal: ${env:JOURNAL}\nmax_body_bytes: ${env:MAX_BODY}\n"));

        ServerConfig c = ServerConfig.from(ConfigLoader.load(dir, "local", Map.of(),
                Map.of("PORT", "9000", "EXPOSED", "scoring,echo", "JOURNAL", "true", "MAX_BODY", "2MiB")));

        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.pipelines()).containsExactly("scoring", "echo");
        assertThat(c.journal()).isTrue();
        assertThat(c.maxBodyBytes()).isEqualTo(2 << 20);
    }

    @Test
    void exposingAnUnregisteredPipelineIsAnErrorAtItsLine() {
        TestServer.write(dir, Map.of("conf/base/server.yml", "pipelines:\n  - echo\n  - echoo\n"));
        try (Session session = Session.compile(new TestServer.TestProject(Nodes.pipelines()),
                new SessionOptions(dir, "local", Map.of()))) {
            assertThatThrownBy(() -> SluiceServer.create(session)).isInstanceOf(ConfigException.class)
                    .hasMessage("conf/base/server.yml:3:5: pipeline 'echoo' is not registered by project TestProject. "
                            + "Registered pipelines: __default__, echo, failing, gated, scoring, words.");
            assertThatThrownBy(() -> new SluiceServer(session, ServerConfig.defaults().withPipelines(List.of("x"))))
                    .isInstanceOf(SluiceException.class)
                    .hasMessage("Pipeline 'x' cannot be served: project TestProject does not register it. "
                            + "Registered pipelines: __default__, echo, failing, gated, scoring, words.");
        }
    }

    @Test
    void onlyTheConfiguredPipelinesAreServed() {
        try (TestServer t = TestServer.start(dir, "pipelines: [echo]\n")) {
            assertThat(t.get("/pipelines").body()).startsWith("{\"pipelines\":[{\"name\":\"echo\",");
            assertThat(t.server.pipelines()).containsExactly("echo");
            assertThat(t.post("/pipelines/words/runs", "{}").body())
                    .isEqualTo("{\"error\":\"pipeline 'words' is not served; served pipelines: [echo]\"}");
        }
    }

    @Test
    void benchmarkHelloOnlyWhenConfigured() {
        try (TestServer t = TestServer.start(dir, "benchmark_hello: true\n")) {
            HttpResponse<String> r = t.get("/hello");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"hello\":\"world\"}");
        }
    }

    @Test
    void listensOnlyOnTheConfiguredHost() {
        try (TestServer t = TestServer.start(dir, "host: 127.0.0.1\n")) {
            assertThat(t.server.url()).isEqualTo("http://127.0.0.1:" + t.server.port());
            assertThat(t.server.port()).isPositive();
        }
    }
}
