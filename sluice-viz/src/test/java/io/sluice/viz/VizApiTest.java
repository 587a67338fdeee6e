package io.sluice.viz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's JSON without a browser. */
class VizApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Session session;
    static VizApi api;

    @BeforeAll
    static void open() {
        VizTestProject.write(dir);
        session = VizTestProject.open(dir);
        VizTestProject.runs(session);
        api = new VizApi(VizSource.of(session), 1);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(api.get(path).orElseThrow());
    }

    @Test
    void indexListsPipelinesStrategiesAndWhetherThereAreRuns() throws Exception {
        JsonNode index = get("api/pipelines.json");
        assertThat(index.get("pipelines").toString()).isEqualTo("[\"__default__\",\"data_processing\",\"data_science\"]");
        assertThat(index.get("default").asText()).isEqualTo("__default__");
        assertThat(index.get("strategies").toString()).contains("memory-components", "node").doesNotContain("deploy");
        assertThat(index.get("runs").asBoolean()).isTrue();
    }

    @Test
    void pipelineCarriesTheDocumentAndTheResolvedCatalog() throws Exception {
        JsonNode p = get("api/pipelines/data_science.json");
        assertThat(p.at("/document/nodes").size()).isEqualTo(3);
        assertThat(p.at("/configs/regressor/config/filepath").asText()).isEqualTo("data/regressor.json");
        assertThat(p.at("/configs/data_science.X_train/resolved_by").asText()).isEqualTo("default");
    }

    @Test
    void groupingProblemsNameWhatTheyAreAbout() throws Exception {
        JsonNode g = get("api/groupings/__default__/node.json");
        assertThat(g.at("/grouping/groups").size()).isEqualTo(6);
        assertThat(g.at("/check/ok").asBoolean()).isFalse();
        assertThat(g.at("/check/problems/0/kind").asText()).isEqualTo("memory-crossing");
        assertThat(g.at("/check/problems/0/datasets/0").asText()).startsWith("data_");
        assertThat(api.get("api/groupings/__default__/nope.json")).isEmpty();
    }

    @Test
    void mergedGroupingsAreServedButNotExported() throws Exception {
        assertThat(get("api/pipelines.json").get("merges").asBoolean()).isTrue();
        JsonNode merged = get("api/groupings/__default__/node/2-0.json");
        assertThat(merged.at("/grouping/strategy").asText()).isEqualTo("node+merge(target=2)");
        assertThat(merged.at("/grouping/groups").size()).isEqualTo(2);
        JsonNode tagged = get("api/groupings/__default__/memory-components/0-3-cost~3A.json");
        assertThat(tagged.at("/grouping/strategy").asText())
                .isEqualTo("memory-components+merge(max_cost=3,cost_tag=cost:)");
        assertThat(get("api/groupings/__default__/node/0-0.json").get("error").asText())
                .contains("a merge needs a target count or a maximum cost");
        assertThat(api.get("api/groupings/__default__/node/x-1.json")).isEmpty();
        assertThat(VizApi.merge("4-0-cost~3A")).contains(new VizSource.Merge(4, 0, "cost:"));
        VizApi exported = new VizApi(VizSource.of(session), 1, false);
        assertThat(JSON.readTree(exported.get("api/pipelines.json").orElseThrow()).get("merges").asBoolean())
                .isFalse();
        assertThat(exported.get("api/groupings/__default__/node/2-0.json")).isEmpty();
    }

    @Test
    void anExportedDocumentIsGroupedWithoutTheProjectAsTheProjectGroupsIt() throws Exception {
        VizApi fromDocument = new VizApi(new DocumentSource(session.export("__default__")), 1);
        JsonNode index = JSON.readTree(fromDocument.get("api/pipelines.json").orElseThrow());
        assertThat(index.get("strategies").toString()).contains("memory-components", "persistence-cuts", "tag");
        for (String s : Groupings.STRATEGIES) {
            JsonNode doc = JSON.readTree(fromDocument.get("api/groupings/__default__/" + s + ".json").orElseThrow());
            assertThat(doc.get("grouping")).as(s).isEqualTo(get("api/groupings/__default__/" + s + ".json")
                    .get("grouping"));
        }
        JsonNode node = JSON.readTree(fromDocument.get("api/groupings/__default__/node.json").orElseThrow());
        assertThat(node.at("/check/problems/0/kind").asText()).isEqualTo("memory-crossing");
    }

    @Test
    void runsAreTheLastNNewestFirst() throws Exception {
        JsonNode runs = get("api/runs.json");
        assertThat(runs.get("runs").size()).as("limited to 1").isEqualTo(1);
        assertThat(runs.at("/runs/0/run_id").asText()).isEqualTo("r-failed");
        assertThat(get("api/runs/r-ok.json").at("/parts/0/nodes").size()).isEqualTo(6);
        assertThat(api.get("api/runs/missing.json")).isEmpty();
        assertThat(api.paths()).contains("api/runs/r-failed.json").doesNotContain("api/runs/r-ok.json");
    }

    @Test
    void unknownPathsHaveNoJson() {
        assertThat(api.get("api/../pom.xml")).isEmpty();
        assertThat(api.get("api/pipelines/nope.json")).isEmpty();
        assertThat(api.get("index.html")).isEmpty();
    }

    @Test
    void fileNamesKeepSafeCharactersAndEscapeTheRest() {
        assertThat(VizApi.fileName("__default__")).isEqualTo("__default__");
        assertThat(VizApi.fileName("a b/é")).isEqualTo("a~20b~2F~C3~A9");
        assertThat(VizApi.fileName("..")).isEqualTo("~2E~2E");
    }

    @Test
    void secretsAreMasked() {
        Object masked = Masking.masked(Map.of("url", "postgresql://u:hunter2@db/x", "password", "hunter2",
                "credentials", Map.of("token", "abc"), "list", List.of("x")));
        assertThat(masked.toString()).doesNotContain("hunter2", "abc").contains("****");
    }
}
