package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer t;

    @BeforeEach
    void start() {
        t = TestServer.start(dir, "max_body_bytes: 1KiB\nparams: [model]\n");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> scoring(String body) {
        return t.post("/pipelines/scoring/runs", body);
    }

    private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo(message);
    }

    @Test
    void malformedJsonIs400NamingThePosition() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": [}}"), 400,
                "malformed JSON at line 1, column 26: Unexpected close marker '}': expected ']' "
                        + "(for Array starting at [line: 1, column: 25])");
    }

    @Test
    void contentAfterTheBodysValueIs400WithoutJacksonsInternals() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": []}}\n{}"), 400,
                "malformed JSON at line 2, column 1: more content after the body's JSON value");
    }

    @Test
    void bodyOfTheWrongShapeIs400() throws Exception {
        assertError(scoring("[1]"), 400, "body: expected a JSON object, got an array");
        assertError(scoring("{\"input\": {}}"), 400, "body: unknown field 'input'; known fields: inputs, params, outputs");
        assertError(scoring("{\"inputs\": []}"), 400, "inputs: expected an object, got an array");
        assertError(scoring("{\"outputs\": \"summary\"}"), 400,
                "outputs: expected an array of dataset names, got \"summary\"");
    }

    @Test
    void unknownPipelineIs404() throws Exception {
        assertError(t.post("/pipelines/nope/runs", "{}"), 404,
                "pipeline 'nope' is not served; served pipelines: [__default__, echo, failing, gated, scoring, words]");
    }

    @Test
    void unknownInputDatasetIs422() throws Exception {
        assertError(scoring("{\"inputs\": {\"shutles\": []}}"), 422,
                "inputs.shutles: pipeline 'scoring' has no dataset 'shutles'; its free inputs: [shuttles]");
        assertError(scoring("{\"inputs\": {\"params:model.factor\": 1}}"), 422,
                "inputs.params:model.factor: not a dataset; parameters go in \"params\"");
    }

    @Test
    void unknownOutputIs422() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": []}, \"outputs\": [\"summary\", \"sumary\"]}"), 422,
                "outputs[1]: pipeline 'scoring' produces no dataset 'sumary'; its outputs: [scores, summary]");
    }

    @Test
    void typeMismatchIs422NamingTheField() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": \"abc\", \"capacity\": 1,"
                + " \"since\": \"2020-01-01\"}]}}"), 422, "inputs.shuttles[0].engines: expected an integer, got \"abc\"");
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 1.5, \"capacity\": 1,"
                + " \"since\": \"2020-01-01\"}]}}"), 422, "inputs.shuttles[0].engines: expected an integer, got 1.5");
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 1, \"capacity\": 1,"
                + " \"since\": \"2020-13-01\"}]}}"), 422,
                "inputs.shuttles[0].since: expected a date (YYYY-MM-DD), got \"2020-13-01\"");
        assertError(scoring("{\"inputs\": {\"shuttles\": {\"id\": \"a\"}}}"), 422,
                "inputs.shuttles: expected an array, got an object");
        assertError(scoring("{\"inputs\": {\"shuttles\": null}}"), 422, "inputs.shuttles: expected an array, got null");
        assertError(t.post("/pipelines/echo/runs", "{\"inputs\": {\"id\": \"a\", \"x\": \"12\"}}"), 422,
                "inputs.x: expected an integer, got \"12\"");
    }

    @Test
    void recordFieldsMustMatch() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 1, \"capacity\": 1,"
                + " \"since\": \"2020-01-01\", \"color\": \"red\"}]}}"), 422,
                "inputs.shuttles[0]: unknown field 'color'; known fields: [capacity, engines, id, since]");
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"capacity\": 1, \"since\": \"2020-01-01\"}]}}"),
                422, "inputs.shuttles[0].engines: required field is missing");
    }

    @Test
    void missingReferenceFieldIsNamedToo() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"engines\": 1, \"capacity\": 1, \"since\": \"2020-01-01\"}]}}"),
                422, "inputs.shuttles[0].id: required field is missing");
    }

    @Test
    void missingFreeInputIs422() throws Exception {
        assertError(scoring("{}"), 422, "inputs.shuttles: required input is missing");
        assertError(t.post("/pipelines/echo/runs", ""), 422, "inputs.id, inputs.x: required inputs are missing");
    }

    @Test
    void badParamIs422() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"factr\": 1}}}"), 422,
                "params.model.factr: pipeline 'scoring' reads no such parameter; its parameters: [model.factor]");
        HttpResponse<String> wrongType = scoring("{\"inputs\": {\"shuttles\": []}, \"params\": {\"model.factor\": \"x\"}}");
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(wrongType.body()).get("error").asText()).startsWith("params:model.factor");
    }

    @Test
    void nodeFailureIs500WithRunIdAndNodeButNoStackTrace() throws Exception {
        HttpResponse<String> r = t.post("/pipelines/failing/runs", "{\"inputs\": {\"x\": 7}}");

        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("node").asText()).isEqualTo("explode");
        assertThat(body.get("run_id").asText()).isNotBlank();
        assertThat(body.get("error").asText()).contains("explode").contains("boom at 7");
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Nodes.java");
        assertThat(body.fieldNames()).toIterable().containsExactly("error", "run_id", "node");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"inputs\": {\"words\": [" + "\"word\",".repeat(300) + "\"end\"]}}";

        assertError(t.post("/pipelines/words/runs", big), 413,
                "request body is " + big.length() + " bytes; the limit is 1024 bytes (max_body_bytes)");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"inputs\": {\"words\": [" + "\"word\",".repeat(300) + "\"end\"]}}").getBytes();
        HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/pipelines/words/runs"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertError(r, 413, "request body is too large; the limit is 1024 bytes (max_body_bytes)");
    }

    @Test
    void aRepeatedKeyIs400NamingTheKeyAndWhereItIs() throws Exception {
        assertError(t.post("/pipelines/echo/runs", "{\"inputs\": {\"x\": 1, \"x\": 2, \"id\": \"a\"}}"), 400,
                "inputs.x: duplicate key at line 1, column 24; a key may appear only once in a JSON object");
        assertError(t.post("/pipelines/echo/runs", "{\"inputs\": {\"x\": 1, \"id\": \"a\"},\n \"inputs\": {}}"), 400,
                "inputs: duplicate key at line 2, column 10; a key may appear only once in a JSON object");
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 1, \"id\": \"b\", "
                + "\"capacity\": 1, \"since\": \"2020-01-01\"}]}}"), 400,
                "inputs.shuttles[0].id: duplicate key at line 1, column 56; a key may appear only once in a JSON object");
        assertError(scoring("{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"factor\": 1, \"factor\": 2}}}"),
                400, "params.model.factor: duplicate key at line 1, column 72; a key may appear only once in a JSON object");
    }

    @Test
    void aNumberBeyondTheRangeOfItsDoubleIs422() throws Exception {
        assertError(scoring("{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 1, \"capacity\": 1e400,"
                + " \"since\": \"2020-01-01\"}]}}"), 422, "inputs.shuttles[0].capacity: expected a number within the range "
                + "of a double (±1.8E308), got one beyond it");
        assertError(scoring("{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"factor\": -2e308}}}"), 422,
                "params.model.factor: expected a number within the range of a double (±1.8E308), got one beyond it");
    }

    @Test
    void badModeIs400() throws Exception {
        assertError(t.post("/pipelines/echo/runs?mode=later", "{}"), 400,
                "mode: expected \"sync\" or \"async\", got \"later\"");
    }
}
