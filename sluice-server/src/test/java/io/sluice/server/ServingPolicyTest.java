package io.sluice.server;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.ConfigException;
import io.sluice.pipeline.Pipeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request may set: artifacts (free inputs the catalog stores outside memory) only when
 * {@code injectable:} lists them, parameters only those {@code params:} lists; and the errors of
 * both keys at their line of server.yml.
 */
class ServingPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** prices: items (injected) x rates.unit (an artifact, a JSON file) x params:model.factor. */
    private static final Map<String, Pipeline> PIPELINES = Map.of("prices", Pipeline.of(
            node(ServingPolicyTest::price).inputs("items", "rates", "params:model.factor").outputs("prices")
                    .name("price")));
    private static final Map<String, String> FILES = Map.of(
            "conf/base/catalog.yml", "rates:\n  type: json\n  filepath: data/rates.json\n",
            "data/rates.json", "{\"unit\": 10.0}");
    private static final String BODY = "{\"inputs\": {\"items\": [1, 2]}}";

    @TempDir
    Path dir;

    static List<Double> price(List<Integer> items, Map<String, Object> rates, double factor) {
        double unit = ((Number) rates.get("unit")).doubleValue();
        return items.stream().map(i -> i * unit * factor).toList();
    }

    private TestServer start(String serverYml) {
        return TestServer.start(dir, serverYml, FILES, PIPELINES);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void anArtifactIsNeitherARequestInputNorInTheDocumentsUnlessListedAsInjectable() throws Exception {
        try (TestServer t = start("")) {
            assertThat(json(t.post("/pipelines/prices/runs", BODY)).get("outputs").get("prices").toString())
                    .isEqualTo("[20.0,40.0]");
            HttpResponse<String> injected = t.post("/pipelines/prices/runs",
                    "{\"inputs\": {\"items\": [1], \"rates\": {\"unit\": 1.0}}}");
            assertThat(injected.statusCode()).isEqualTo(422);
            assertThat(json(injected).get("error").asText()).isEqualTo("inputs.rates: 'rates' is an artifact of "
                    + "pipeline 'prices' (read once from the catalog and shared by every run), which requests may not "
                    + "replace unless server.yml lists it under injectable; the inputs a request may give: [items]");
            assertThat(json(t.get("/pipelines/prices")).get("inputs").findValuesAsText("name")).containsExactly("items");
            JsonNode inputs = json(t.get("/openapi.json")).findValue("inputs");
            assertThat(inputs.get("properties").fieldNames()).toIterable().containsExactly("items");
        }
    }

    @Test
    void anInjectableArtifactIsDocumentedAndReplacedForOneRequest() throws Exception {
        try (TestServer t = start("injectable: [rates]\n")) {
            HttpResponse<String> injected = t.post("/pipelines/prices/runs",
                    "{\"inputs\": {\"items\": [1], \"rates\": {\"unit\": 1.0}}}");
            assertThat(json(injected).get("outputs").get("prices").toString()).isEqualTo("[2.0]");
            assertThat(json(t.post("/pipelines/prices/runs", BODY)).get("outputs").get("prices").toString())
                    .isEqualTo("[20.0,40.0]");
            assertThat(json(t.get("/pipelines/prices")).get("inputs").findValuesAsText("name"))
                    .containsExactly("items", "rates");
        }
    }

    @Test
    void requestsOverrideOnlyTheParametersServerYmlLists() throws Exception {
        try (TestServer t = start("")) {
            HttpResponse<String> r = t.post("/pipelines/prices/runs",
                    "{\"inputs\": {\"items\": [1]}, \"params\": {\"model\": {\"factor\": 3}}}");
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(json(r).get("error").asText()).isEqualTo("params.model.factor: this server does not let "
                    + "requests override parameter 'model.factor'; it lets them override none (server.yml params: "
                    + "lists those a request may set)");
            assertThat(json(t.get("/pipelines/prices")).get("params")).isEmpty();
        }
        try (TestServer t = start("params: [model]\n")) {
            HttpResponse<String> r = t.post("/pipelines/prices/runs",
                    "{\"inputs\": {\"items\": [1]}, \"params\": {\"model\": {\"factor\": 3}}}");
            assertThat(json(r).get("outputs").get("prices").toString()).isEqualTo("[30.0]");
            assertThat(json(t.get("/pipelines/prices")).get("params").findValuesAsText("name"))
                    .containsExactly("model.factor");
        }
    }

    @Test
    void injectableAndParamsNameWhatTheExposedPipelinesHaveAtTheirLine() {
        assertThatThrownBy(() -> start("injectable: [items, ratse]\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/base/server.yml:3:14: injectable names 'items', which is not an artifact")
                .hasMessageContaining("Artifacts of the exposed pipelines: rates.");
        assertThatThrownBy(() -> start("injectable: [ratse]\n")).isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/server.yml:3:14: injectable names 'ratse', which no exposed pipeline reads as an artifact. "
                        + "Artifacts of the exposed pipelines: rates. Did you mean 'rates'?");
        assertThatThrownBy(() -> start("params:\n  - model.factr\n")).isInstanceOf(ConfigException.class)
                .hasMessage("conf/base/server.yml:4:5: params names 'model.factr', which no exposed pipeline reads. "
                        + "Parameters the exposed pipelines read: model.factor. Did you mean 'model.factor'?");
    }
}
