package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHUTTLES = "[{\"id\":\"a\",\"engines\":2,\"capacity\":1.5,\"since\":\"2020-01-02\"},"
            + "{\"id\":\"b\",\"engines\":4,\"capacity\":0.5,\"since\":\"2021-03-04\"}]";

    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = TestServer.start(dir, "params: [model]\n");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void healthIsAlwaysOk() {
        HttpResponse<String> r = t.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void readyOnceStarted() {
        HttpResponse<String> r = t.get("/ready");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void listsEveryRegisteredPipelineWithSchemas() throws Exception {
        JsonNode body = json(t.get("/pipelines"));

        assertThat(body.get("pipelines").findValuesAsText("name")).contains("__default__", "echo", "failing", "gated",
                "scoring", "words");
        JsonNode scoring = null;
        for (JsonNode p : body.get("pipelines")) {
            if (p.get("name").asText().equals("scoring")) {
                scoring = p;
            }
        }
        assertThat(scoring).isNotNull();
        assertThat(scoring.get("runs").asText()).isEqualTo("/pipelines/scoring/runs");
        assertThat(scoring.get("inputs").toString()).isEqualTo("[{\"name\":\"shuttles\",\"required\":true,"
                + "\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
                + "\"id\":{\"type\":\"string\"},\"engines\":{\"type\":\"integer\",\"format\":\"int32\"},"
                + "\"capacity\":{\"type\":\"number\",\"format\":\"double\"},"
                + "\"since\":{\"type\":\"string\",\"format\":\"date\"}},"
                + "\"required\":[\"id\",\"engines\",\"capacity\",\"since\"],\"additionalProperties\":false}}}]");
        assertThat(scoring.get("params").toString()).isEqualTo("[{\"name\":\"model.factor\","
                + "\"schema\":{\"type\":\"number\",\"format\":\"double\"}}]");
        assertThat(scoring.get("outputs").toString()).isEqualTo("[{\"name\":\"summary\",\"returned_by_default\":true,"
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\",\"format\":\"int32\"},"
                + "\"total\":{\"type\":\"number\",\"format\":\"double\"},\"newest\":{\"type\":\"string\",\"format\":\"date\"}},"
                + "\"required\":[\"count\",\"total\",\"newest\"],\"additionalProperties\":false}}]");
    }

    @Test
    void describesOnePipeline() throws Exception {
        JsonNode words = json(t.get("/pipelines/words"));

        assertThat(words.get("inputs").get(0).get("schema").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(words.get("outputs").get(0).get("schema").toString())
                .isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}");
    }

    @Test
    void runsSynchronouslyAndReturnsTheFreeOutputs() throws Exception {
        HttpResponse<String> r = t.post("/pipelines/scoring/runs", "{\"inputs\":{\"shuttles\":" + SHUTTLES + "}}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("run_id").asText()).isNotBlank();
        assertThat(body.get("outputs").toString())
                .isEqualTo("{\"summary\":{\"count\":2,\"total\":10.0,\"newest\":\"2021-03-04\"}}");
    }

    @Test
    void runsWithParamsAndRequestedOutputs() throws Exception {
        HttpResponse<String> r = t.post("/pipelines/scoring/runs", "{\"inputs\":{\"shuttles\":" + SHUTTLES + "},"
                + "\"params\":{\"model\":{\"factor\":10}},\"outputs\":[\"scores\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("outputs").toString())
                .isEqualTo("{\"scores\":[{\"id\":\"a\",\"value\":30.0},{\"id\":\"b\",\"value\":20.0}]}");
    }

    @Test
    void injectingAnIntermediateDatasetSkipsItsProducer() throws Exception {
        HttpResponse<String> r = t.post("/pipelines/echo/runs", "{\"inputs\":{\"id\":\"k\",\"y\":41}}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("outputs").toString()).isEqualTo("{\"tagged\":\"k=41\"}");
    }

    @Test
    void runsAsynchronouslyAndReportsTheResult() throws Exception {
        HttpResponse<String> accepted = t.post("/pipelines/echo/runs?mode=async",
                "{\"inputs\":{\"id\":\"q\",\"x\":1}}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String runId = json(accepted).get("run_id").asText();
        assertThat(accepted.body()).isEqualTo("{\"run_id\":\"" + runId + "\"}");
        assertThat(accepted.headers().firstValue("Location")).hasValue("/runs/" + runId);
        JsonNode status = json(t.get("/runs/" + runId));
        for (int i = 0; i < 200 && status.get("status").asText().matches("pending|running"); i++) {
            Thread.sleep(10);
            status = json(t.get("/runs/" + runId));
        }
        assertThat(status.toString()).isEqualTo("{\"run_id\":\"" + runId + "\",\"pipeline\":\"echo\","
                + "\"status\":\"succeeded\",\"outputs\":{\"tagged\":\"q=2\"}}");
    }

    @Test
    void asyncRunsReportRunningThenFailure() throws Exception {
        Nodes.resetGate(1);
        String runId = json(t.post("/pipelines/gated/runs?mode=async", "{\"inputs\":{\"id\":\"g\"}}"))
                .get("run_id").asText();
        Nodes.entered.await();

        assertThat(t.get("/runs/" + runId).body()).isEqualTo("{\"run_id\":\"" + runId + "\",\"pipeline\":\"gated\","
                + "\"status\":\"running\"}");
        Nodes.release.countDown();

        String failedId = json(t.post("/pipelines/failing/runs?mode=async", "{\"inputs\":{\"x\":3}}"))
                .get("run_id").asText();
        JsonNode failed = json(t.get("/runs/" + failedId));
        for (int i = 0; i < 200 && failed.get("status").asText().matches("pending|running"); i++) {
            Thread.sleep(10);
            failed = json(t.get("/runs/" + failedId));
        }
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("node").asText()).isEqualTo("explode");
        assertThat(failed.get("error").asText()).contains("boom at 3").doesNotContain("\tat ");
    }

    @Test
    void unknownRunIs404() {
        HttpResponse<String> r = t.get("/runs/nope");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no async run 'nope' (unknown, or older than the last 1000 "
                + "finished runs)\"}");
    }

    @Test
    void unknownPathIs404() {
        HttpResponse<String> r = t.get("/nothing");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no endpoint /nothing; endpoints: /health, /ready, /pipelines, "
                + "/pipelines/{name}/runs, /runs/{id}, /openapi.json, /docs, /metrics\"}");
    }

    @Test
    void pathsWithATrailingSlashOrAnEmptyNameAreNoEndpoint() {
        for (String path : new String[] {"/pipelines/echo/", "/runs/", "/pipelines//runs", "/health/"}) {
            HttpResponse<String> r = path.endsWith("runs") ? t.post(path, "{}") : t.get(path);

            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).startsWith("{\"error\":\"no endpoint " + path + "; endpoints: ");
        }
    }

    @Test
    void helloIsOffByDefault() {
        assertThat(t.get("/hello").statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = t.get("/pipelines/echo/runs");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(r.body()).isEqualTo("{\"error\":\"GET is not allowed on /pipelines/echo/runs; use POST\"}");

        HttpResponse<String> del = t.send(HttpRequest.newBuilder(t.uri("/health")).DELETE());
        assertThat(del.statusCode()).isEqualTo(405);
        assertThat(del.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void openApiDocumentHasAPathPerPipelineWithTheRecordSchemas() throws Exception {
        JsonNode doc = json(t.get("/openapi.json"));

        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(doc.get("paths").fieldNames()).toIterable().contains("/pipelines/scoring/runs",
                "/pipelines/echo/runs", "/pipelines/words/runs", "/pipelines/__default__/runs", "/runs/{run_id}",
                "/metrics");
        assertThat(doc.at("/paths/~1metrics/get/responses/200/content/text~1plain/schema/type").asText())
                .isEqualTo("string");
        JsonNode post = doc.at("/paths/~1pipelines~1scoring~1runs/post");
        JsonNode shuttle = post.at("/requestBody/content/application~1json/schema/properties/inputs/properties/shuttles");
        assertThat(shuttle.at("/items/properties/engines/type").asText()).isEqualTo("integer");
        assertThat(shuttle.at("/items/properties/since/format").asText()).isEqualTo("date");
        assertThat(shuttle.at("/items/required").toString()).isEqualTo("[\"id\",\"engines\",\"capacity\",\"since\"]");
        assertThat(post.at("/requestBody/content/application~1json/schema/properties/inputs/required").toString())
                .isEqualTo("[\"shuttles\"]");
        assertThat(post.at("/responses/200/content/application~1json/schema/properties/outputs/properties/summary"
                + "/properties/newest/format").asText()).isEqualTo("date");
        assertThat(post.at("/responses/422/$ref").asText()).isEqualTo("#/components/responses/Error");
        assertThat(doc.at("/paths/~1runs~1{run_id}/delete/responses/409/$ref").asText())
                .isEqualTo("#/components/responses/Error");
        assertThat(doc.at("/paths/~1runs~1{run_id}/get/responses/200/content/application~1json/schema/properties"
                + "/status/enum").toString()).isEqualTo("[\"pending\",\"running\",\"succeeded\",\"failed\",\"cancelled\"]");
        assertThat(doc.has("security")).isFalse();
    }
}
