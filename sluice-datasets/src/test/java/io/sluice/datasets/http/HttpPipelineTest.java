package io.sluice.datasets.http;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.SluiceException;
import io.sluice.datasets.http.TestHttpServer.Reply;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline compiled from engines.yml and catalog.yml: a node receives the {@code http} engine's
 * client as {@code engine:api}, {@code api} datasets read and write through the same engine, and
 * nothing is requested until a run needs it.
 */
class HttpPipelineTest {
    private static final String TOKEN = "pipeline-token-9d2e-SECRET";
    private static TestHttpServer server;

    @TempDir
    Path dir;

    public record Repo(String name, int stars) {
    }

    public record Summary(String org, int repos, int stars) {
    }

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

    /** Calls the API itself through the engine's client: one request, typed answer. */
    static List<Repo> fetchRepos(HttpApi api, String org) {
        return api.getJson("/orgs/" + org + "/repos", Map.of(), new TypeReference<List<Repo>>() { }.getType());
    }

    static Summary summarise(List<Repo> fetched, List<Repo> starred, String org) {
        return new Summary(org, fetched.size(), starred.stream().mapToInt(Repo::stars).sum());
    }

    static HttpApi same(HttpApi api) {
        return api;
    }

    static int wrongType(java.net.http.HttpClient client) {
        return 0;
    }

    private static final String ENGINES = """
            api:
              type: http
              base_url: %s/v1
              credentials: api_token
              headers: {Accept: application/json}
            unused:
              type: http
              base_url: http://unused.invalid
            """;

    private static final String CATALOG = """
            starred:
              type: api
              engine: api
              path: /orgs/acme/starred
              pagination: {style: link}
            summary:
              type: api
              engine: api
              path: /reports
            """;

    private Session session(Pipeline pipeline) {
        return HttpProject.of(pipeline).compile(dir, Map.of(
                "conf/base/engines.yml", ENGINES.formatted(server.url()),
                "conf/base/catalog.yml", CATALOG,
                "conf/base/parameters.yml", "org: acme\n",
                "conf/local/credentials.yml", "api_token:\n  token: " + TOKEN + "\n"));
    }

    private Session pipelineSession() {
        return session(Pipeline.of(
                node(HttpPipelineTest::fetchRepos).inputs("engine:api", "params:org").outputs("fetched"),
                node(HttpPipelineTest::summarise).inputs("fetched", "starred", "params:org").outputs("summary")));
    }

    @Test
    void aNodeReceivesTheClientAndDatasetsShareItWithNothingRequestedAtCompile() throws IOException {
        server.on("/v1/orgs/acme/repos", Reply.json(200, "[{\"name\":\"a\",\"stars\":1},{\"name\":\"b\",\"stars\":2}]"));
        server.on("/v1/orgs/acme/starred", s -> s.pathAndQuery().endsWith("page=2")
                ? Reply.json(200, "[{\"name\":\"y\",\"stars\":20}]")
                : Reply.json(200, "[{\"name\":\"x\",\"stars\":10}]").header("Link",
                "</v1/orgs/acme/starred?page=2>; rel=\"next\""));
        server.on("/v1/reports", Reply.status(201));
        try (Session session = pipelineSession()) {
            assertThat(server.requests()).as("compiling connects nowhere").isEmpty();
            assertThat(session.engines().created()).containsEntry("api", false).containsEntry("unused", false);

            session.run(RunSpec.builder().build());

            assertThat(server.requests()).extracting(TestHttpServer.Seen::pathAndQuery).containsExactlyInAnyOrder(
                    "/v1/orgs/acme/repos", "/v1/orgs/acme/starred", "/v1/orgs/acme/starred?page=2", "/v1/reports");
            assertThat(server.requests()).allMatch(s -> ("Bearer " + TOKEN).equals(s.header("Authorization")));
            assertThat(server.requests("/v1/reports").get(0).body())
                    .isEqualTo("{\"org\":\"acme\",\"repos\":2,\"stars\":30}");
            assertThat(session.engines().created()).containsEntry("api", true)
                    .as("an engine no run uses is never created").containsEntry("unused", false);
            assertThat(session.enginesUsedBy(Project.DEFAULT_PIPELINE)).containsExactly("api");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("conf"))).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void everyNodeAndRunOfASessionGetsOneClientWhichClosesWithTheSession() {
        HttpApi first;
        try (Session session = session(Pipeline.of(node(HttpPipelineTest::same).inputs("engine:api").outputs("c")))) {
            first = (HttpApi) session.run(RunSpec.builder().journal(false).build()).outputs().get("c");
            Object second = session.run(RunSpec.builder().journal(false).build()).outputs().get("c");

            assertThat(second).isSameAs(first);
            assertThat(first.isClosed()).isFalse();
        }
        assertThat(first.isClosed()).isTrue();
        assertThatThrownBy(() -> first.get("/anything")).isInstanceOf(HttpApiException.class)
                .hasMessageContaining("is closed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aNodeParameterTheEngineCannotSupplyIsRefusedNamingBothTypes() {
        assertThatThrownBy(() -> session(Pipeline.of(node(HttpPipelineTest::wrongType).inputs("engine:api")
                .outputs("n"))))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("java.net.http.HttpClient")
                .hasMessageContaining("supplies io.sluice.datasets.http.HttpApi");
    }
}
