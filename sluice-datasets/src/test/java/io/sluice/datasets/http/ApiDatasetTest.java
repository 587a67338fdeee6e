package io.sluice.datasets.http;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.SluiceException;
import io.sluice.datasets.http.TestHttpServer.Reply;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code api} dataset against a real local server: typed loads, both paginations, saves, exists, errors. */
class ApiDatasetTest {
    private static final Type REPOS = new TypeReference<List<Repo>>() { }.getType();
    private static TestHttpServer server;

    @TempDir
    Path dir;

    public record Repo(String name, int stars) {
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

    static int one() {
        return 1;
    }

    static int single(Repo repo) {
        return repo.stars();
    }

    private Session session(String catalog) {
        return session(catalog, Pipeline.of(node(ApiDatasetTest::one).outputs("x")));
    }

    private Session session(String catalog, Pipeline pipeline) {
        return HttpProject.of(pipeline).compile(dir, Map.of(
                "conf/base/engines.yml", "gh:\n  type: http\n  base_url: " + server.url() + "/v1\n"
                        + "  retry: {max_attempts: 2, initial_backoff: 10ms}\n",
                "conf/base/catalog.yml", catalog));
    }

    @SuppressWarnings("unchecked")
    private static Dataset<Object> dataset(Session session, String name) {
        return (Dataset<Object>) session.catalog().dataset(name);
    }

    @Test
    void loadsTheItemsOfAnAnswerAsTheNodesRecordsIgnoringFieldsTheyDoNotDeclare() {
        server.on("/v1/orgs/acme/repos", Reply.json(200, "{\"data\":{\"items\":[{\"name\":\"a\",\"stars\":3,"
                + "\"extra\":\"x\"},{\"name\":\"b\",\"stars\":5}]}}"));
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: /orgs/acme/repos\n"
                + "  query: {per_page: 100, sort: name}\n  items: data.items\n")) {
            Object typed = dataset(session, "repos").load(REPOS);
            Object plain = dataset(session, "repos").load();

            assertThat(typed).isEqualTo(List.of(new Repo("a", 3), new Repo("b", 5)));
            assertThat(plain).isEqualTo(List.of(Map.of("name", "a", "stars", 3, "extra", "x"),
                    Map.of("name", "b", "stars", 5)));
            assertThat(server.requests().get(0).pathAndQuery()).isEqualTo("/v1/orgs/acme/repos?per_page=100&sort=name");
        }
    }

    @Test
    void aFieldOfTheWrongTypeIsReportedWithItsItemAndPath() {
        server.on("/v1/repos", Reply.json(200, "[{\"name\":\"a\",\"stars\":1},{\"name\":\"b\",\"stars\":\"many\"}]"));
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: repos\n"
                + "  pagination: {style: link}\n")) {
            assertThatThrownBy(() -> dataset(session, "repos").load(REPOS))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("dataset 'repos' (api), engine 'gh': GET " + server.url() + "/v1/repos (page 1)")
                    .hasMessageContaining("cannot read item 1 of the page as Repo: at $.stars");
        }
    }

    @Test
    void aPageWithoutTheItemsPathFailsTheLoadRatherThanLoadingNothing() {
        server.on("/v1/repos", Reply.json(200, "{\"results\":[{\"name\":\"a\",\"stars\":1}],\"total\":1}"));
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: repos\n  items: result\n"
                + "  pagination: {style: link}\n")) {
            assertThatThrownBy(() -> dataset(session, "repos").load(REPOS))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("(page 1): the answer has no 'result' (keys there: results, total)")
                    .hasMessageContaining("Fix 'items' in the catalog");
        }
    }

    @Test
    void followsLinkRelNextAcrossPagesRelativeOrAbsolute() {
        server.on("/v1/repos", s -> switch (s.pathAndQuery()) {
            case "/v1/repos?per_page=2" -> Reply.json(200, "[{\"name\":\"a\",\"stars\":1},{\"name\":\"b\",\"stars\":2}]")
                    .header("Link", "</v1/repos?per_page=2&page=2>; rel=\"next\", </v1/repos?page=3>; rel=\"last\"");
            case "/v1/repos?per_page=2&page=2" -> Reply.json(200, "[{\"name\":\"c\",\"stars\":3}]")
                    .header("Link", "<" + server.url() + "/v1/repos?per_page=2&page=3>; rel=\"next\"");
            default -> Reply.json(200, "[{\"name\":\"d\",\"stars\":4}]")
                    .header("Link", "</v1/repos?per_page=2&page=1>; rel=\"first\"");
        });
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: /repos\n  query: {per_page: 2}\n"
                + "  pagination:\n    style: link\n")) {
            Object repos = dataset(session, "repos").load(REPOS);

            assertThat(repos).isEqualTo(List.of(new Repo("a", 1), new Repo("b", 2), new Repo("c", 3),
                    new Repo("d", 4)));
            assertThat(server.requests()).extracting(TestHttpServer.Seen::pathAndQuery).containsExactly(
                    "/v1/repos?per_page=2", "/v1/repos?per_page=2&page=2", "/v1/repos?per_page=2&page=3");
        }
    }

    @Test
    void followsACursorFromTheBodyUntilItIsNull() {
        server.on("/v1/events", s -> switch (s.pathAndQuery()) {
            case "/v1/events?limit=2" -> Reply.json(200,
                    "{\"events\":[{\"name\":\"a\",\"stars\":1}],\"meta\":{\"next\":\"c2\"}}");
            case "/v1/events?limit=2&after=c2" -> Reply.json(200,
                    "{\"events\":[{\"name\":\"b\",\"stars\":2}],\"meta\":{\"next\":\"c3\"}}");
            case "/v1/events?limit=2&after=c3" -> Reply.json(200, "{\"events\":[],\"meta\":{\"next\":null}}");
            default -> Reply.json(400, "{\"error\":\"unexpected " + s.pathAndQuery() + "\"}");
        });
        try (Session session = session("events:\n  type: api\n  engine: gh\n  path: /events\n  query: {limit: 2}\n"
                + "  items: events\n  pagination:\n    style: cursor\n    cursor_path: meta.next\n"
                + "    cursor_param: after\n")) {
            Object events = dataset(session, "events").load(REPOS);

            assertThat(events).isEqualTo(List.of(new Repo("a", 1), new Repo("b", 2)));
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void aNextLinkToAnotherOriginIsNotFollowed() {
        server.on("/v1/repos", Reply.json(200, "[]").header("Link", "<http://elsewhere.example/steal>; rel=next"));
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: /repos\n"
                + "  pagination: {style: link}\n")) {
            assertThatThrownBy(() -> dataset(session, "repos").load(REPOS))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("points to http://elsewhere.example/steal, outside the engine's origin");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void moreThanMaxPagesIsAnErrorRatherThanAQuietlyShortList() {
        server.on("/v1/endless", s -> Reply.json(200, "[]").header("Link",
                "</v1/endless?p=" + (server.requests().size() + 1) + ">; rel=\"next\""));
        try (Session session = session("endless:\n  type: api\n  engine: gh\n  path: /endless\n"
                + "  pagination: {style: link, max_pages: 3}\n")) {
            assertThatThrownBy(() -> dataset(session, "endless").load(REPOS))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("more than pagination.max_pages (3) pages");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void aFailedLoadNamesTheDatasetEngineUrlStatusAndTheStartOfTheBody() {
        server.on("/v1/repos", Reply.json(403, "{\"message\":\"API rate limit exceeded for 10.0.0.1\"}"));
        try (Session session = session("repos:\n  type: api\n  engine: gh\n  path: /repos\n  query: {page: 1}\n")) {
            assertThatThrownBy(() -> dataset(session, "repos").load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("dataset 'repos' (api) cannot load: engine 'gh' (http, conf/base/engines.yml:1:1)")
                    .hasMessageContaining("GET " + server.url() + "/v1/repos?page=1 answered 403 Forbidden")
                    .hasMessageContaining("API rate limit exceeded")
                    .hasMessageContaining("Check the engine's credentials");
        }
    }

    @Test
    void aSaveSendsTheValueAsJsonInOneRequest() {
        server.on("/v1/imports", Reply.status(201));
        try (Session session = session("out:\n  type: api\n  engine: gh\n  path: /imports\n")) {
            dataset(session, "out").save(List.of(new Repo("a", 1)));

            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).method()).isEqualTo("POST");
            assertThat(server.requests().get(0).body()).isEqualTo("[{\"name\":\"a\",\"stars\":1}]");
            assertThat(server.requests().get(0).header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void aBatchTheServerRefusesStopsTheSaveSayingWhichItemsWereAccepted() {
        server.on("/v1/bulk", Reply.status(201), Reply.status(201), Reply.json(422, "{\"error\":\"stars < 0\"}"));
        List<Repo> repos = List.of(new Repo("a", 1), new Repo("b", 2), new Repo("c", 3), new Repo("d", 4),
                new Repo("e", -5), new Repo("f", 6), new Repo("g", 7));
        try (Session session = session("out:\n  type: api\n  engine: gh\n  path: /bulk\n"
                + "  save_args: {method: put, batch_size: 2}\n")) {
            DatasetException e = catchThrowableOfType(() -> dataset(session, "out").save(repos),
                    DatasetException.class);

            assertThat(server.requests()).hasSize(3).allMatch(s -> s.method().equals("PUT"));
            assertThat(e.getMessage()).contains("PUT " + server.url() + "/v1/bulk answered 422")
                    .contains("stars < 0")
                    .contains("Batch 3 of 4 (items 5 to 6) was refused.")
                    .contains("Items 1 to 4 (batches 1 to 2) were accepted by the server and stay")
                    .contains("Items 7 to 7 were not sent.");
        }
    }

    @Test
    void existsAsksWithHeadAndOnlyA404OrA410MeansAbsent() {
        server.on("/v1/here", Reply.status(200));
        server.on("/v1/gone", Reply.status(404));
        server.on("/v1/broken", Reply.status(500));
        server.on("/v1/nohead", s -> s.method().equals("HEAD") ? Reply.status(405) : Reply.json(200, "{}"));
        try (Session session = session("here:\n  type: api\n  engine: gh\n  path: /here\n"
                + "gone:\n  type: api\n  engine: gh\n  path: /gone\n"
                + "broken:\n  type: api\n  engine: gh\n  path: /broken\n"
                + "nohead:\n  type: api\n  engine: gh\n  path: /nohead\n")) {
            assertThat(dataset(session, "here").exists()).isTrue();
            assertThat(dataset(session, "gone").exists()).isFalse();
            assertThat(dataset(session, "nohead").exists()).isTrue();
            assertThatThrownBy(() -> dataset(session, "broken").exists())
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("cannot tell whether it exists")
                    .hasMessageContaining("answered 500");
            assertThat(server.requests("/v1/here").get(0).method()).isEqualTo("HEAD");
            assertThat(server.requests("/v1/nohead")).extracting(TestHttpServer.Seen::method)
                    .containsExactly("HEAD", "GET");
        }
    }

    @Test
    void aPagedDatasetIsRefusedForANodeThatTakesOneRecordBeforeAnyRequest() {
        Session session = session("repos:\n  type: api\n  engine: gh\n  pagination: {style: link}\n",
                Pipeline.of(node(ApiDatasetTest::single).inputs("repos").outputs("n")));
        try (session) {
            assertThatThrownBy(() -> session.run(RunSpec.builder().journal(false).build()))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("cannot feed parameter 1 of node")
                .hasMessageContaining("repos")
                .hasMessageContaining("declare List<YourRecord>");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void wrongEntriesAreRefusedAtTheirLine() {
        assertThatThrownBy(() -> session("repos:\n  type: api\n  engine: gh\n  pagination:\n    style: cursor\n"
                + "    cursor_path: next\n    cursor_parm: after\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("catalog.yml:7:5")
                .hasMessageContaining("Did you mean 'cursor_param'?");
        assertThatThrownBy(() -> session("repos:\n  type: api\n  engine: gh\n  pagination:\n    style: cursor\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("catalog.yml:4:3")
                .hasMessageContaining("style cursor needs cursor_path");
        assertThatThrownBy(() -> session("repos:\n  type: api\n  engine: gh\n  pagination:\n    style: pages\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("catalog.yml:5:5")
                .hasMessageContaining("expects none, link or cursor, got \"pages\"");
        assertThatThrownBy(() -> session("repos:\n  type: api\n  engine: gh\n  itmes: data\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("catalog.yml:4:3")
                .hasMessageContaining("Did you mean 'items'?");
        assertThatThrownBy(() -> session("repos:\n  type: api\n  engine: github\n"))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("catalog.yml:3:3")
                .hasMessageContaining("Declared engines: gh");
    }
}
