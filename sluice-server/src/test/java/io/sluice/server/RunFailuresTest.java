package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.pipeline.Pipeline;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client learns of a run that fails after its request was accepted: a node that throws, or
 * outputs that JSON cannot carry. Always 500 with the run id and the node, a message that keeps
 * the exception type and its text, and nothing of the server's file system or stack.
 */
class RunFailuresTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer t;

    /** The first named file under {@code dir}: indexes into the list and reads a file, as a user's node would. */
    static String firstFile(List<String> names, String dir) throws IOException {
        return Files.readString(Path.of(dir).resolve(names.get(0)));
    }

    static double divide(double a, double b) {
        return a / b;
    }

    /** Each score as a share of their total. */
    static List<Nodes.Score> shares(List<Nodes.Score> scores) {
        double total = 0;
        for (Nodes.Score s : scores) {
            total += s.value();
        }
        List<Nodes.Score> out = new ArrayList<>();
        for (Nodes.Score s : scores) {
            out.add(new Nodes.Score(s.id(), s.value() / total));
        }
        return out;
    }

    @BeforeEach
    void start() {
        Map<String, Pipeline> pipelines = Map.of(
                "files", Pipeline.of(node(RunFailuresTest::firstFile).inputs("names", "params:files.dir")
                        .outputs("text").name("first_file")),
                "ratio", Pipeline.of(node(RunFailuresTest::divide).inputs("a", "b").outputs("ratio").name("divide")),
                "shares", Pipeline.of(node(RunFailuresTest::shares).inputs("scores").outputs("shares").name("share")));
        t = TestServer.start(dir, "params: [files.dir]\n", Map.of("conf/base/parameters.yml", "files:\n  dir: " + dir.resolve("data") + "\n",
                "data/hello.txt", "hello"), pipelines);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** Asserts a 500 of {@code node} with a run id and no trace of the server's files; its message. */
    private String nodeFailure(HttpResponse<String> r, String node) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("node").asText()).isEqualTo(node);
        assertThat(body.get("run_id").asText()).isNotBlank();
        assertNothingOfTheServer(r.body());
        return body.get("error").asText();
    }

    private void assertNothingOfTheServer(String body) {
        assertThat(body).doesNotContain(dir.toString()).doesNotContain("/tmp/").doesNotContain("\tat ")
                .doesNotContain(".java:");
    }

    @Test
    void aNodeThatIndexesIntoAnEmptyListIs500WithTheRunIdTheNodeAndTheExceptionType() throws Exception {
        String error = nodeFailure(t.post("/pipelines/files/runs", "{\"inputs\": {\"names\": []}}"), "first_file");

        assertThat(error).isEqualTo("Node 'first_file' failed (inputs: names, params:files.dir): "
                + "IndexOutOfBoundsException: Index 0 out of bounds for length 0");
    }

    @Test
    void aPathUnderTheProjectIsShownRelativeToIt() throws Exception {
        assertThat(t.post("/pipelines/files/runs", "{\"inputs\": {\"names\": [\"hello.txt\"]}}").body())
                .contains("\"text\":\"hello\"");

        String error = nodeFailure(t.post("/pipelines/files/runs", "{\"inputs\": {\"names\": [\"missing.txt\"]}}"),
                "first_file");

        assertThat(error).isEqualTo("Node 'first_file' failed (inputs: names, params:files.dir): "
                + "NoSuchFileException: data/missing.txt");
    }

    @Test
    void aPathOutsideTheProjectIsShownAsItsFileName() throws Exception {
        String error = nodeFailure(t.post("/pipelines/files/runs", "{\"inputs\": {\"names\": [\"model.onnx\"]}, "
                + "\"params\": {\"files\": {\"dir\": \"" + dir.getParent().resolve("elsewhere/models") + "\"}}}"),
                "first_file");

        assertThat(error).endsWith("NoSuchFileException: model.onnx");
    }

    @Test
    void anAsyncRunThatFailsReportsTheSameCleanedMessage() throws Exception {
        HttpResponse<String> accepted = t.post("/pipelines/files/runs?mode=async",
                "{\"inputs\": {\"names\": [\"missing.txt\"]}}");
        String runId = JSON.readTree(accepted.body()).get("run_id").asText();

        JsonNode end = awaitEnd(runId);

        assertThat(end.get("status").asText()).isEqualTo("failed");
        assertThat(end.get("node").asText()).isEqualTo("first_file");
        assertThat(end.get("error").asText()).endsWith("NoSuchFileException: data/missing.txt");
        assertNothingOfTheServer(end.toString());
    }

    @Test
    void anInfiniteOutputIs500NamingTheOutputTheValueAndItsNode() throws Exception {
        String error = nodeFailure(t.post("/pipelines/ratio/runs", "{\"inputs\": {\"a\": 1.5, \"b\": 0.0}}"), "divide");

        assertThat(error).isEqualTo("output 'ratio' holds a non-finite number (Infinity), which JSON cannot carry");
        assertThat(t.post("/pipelines/ratio/runs", "{\"inputs\": {\"a\": 1.5, \"b\": 0.5}}").body())
                .contains("\"outputs\":{\"ratio\":3.0}");
    }

    @Test
    void aNaNInsideAnOutputIs500SayingWhereItIs() throws Exception {
        String error = nodeFailure(t.post("/pipelines/shares/runs",
                "{\"inputs\": {\"scores\": [{\"id\": \"a\", \"value\": 0.0}]}}"), "share");

        assertThat(error).isEqualTo("output 'shares' holds a non-finite number (NaN at shares[0].value), "
                + "which JSON cannot carry");
    }

    @Test
    void anAsyncRunWithANonFiniteOutputEndsFailed() throws Exception {
        HttpResponse<String> accepted = t.post("/pipelines/ratio/runs?mode=async", "{\"inputs\": {\"a\": 0.0, \"b\": 0.0}}");
        String runId = JSON.readTree(accepted.body()).get("run_id").asText();

        JsonNode end = awaitEnd(runId);

        assertThat(end.get("status").asText()).isEqualTo("failed");
        assertThat(end.get("node").asText()).isEqualTo("divide");
        assertThat(end.get("error").asText())
                .isEqualTo("output 'ratio' holds a non-finite number (NaN), which JSON cannot carry");
        assertThat(end.has("outputs")).isFalse();
    }

    /** Polls {@code GET /runs/{id}} until the run has ended; its last status. */
    private JsonNode awaitEnd(String runId) throws Exception {
        JsonNode status = JSON.readTree(t.get("/runs/" + runId).body());
        for (int i = 0; i < 1000 && !status.get("status").asText().matches("succeeded|failed|cancelled"); i++) {
            Thread.sleep(10);
            status = JSON.readTree(t.get("/runs/" + runId).body());
        }
        return status;
    }
}
