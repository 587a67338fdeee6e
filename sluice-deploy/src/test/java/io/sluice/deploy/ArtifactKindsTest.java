package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persisted outputs of each task, told apart as models, metrics and data (the pipeline document's
 * artifact_kind), in the metadata of the platforms: Argo template annotations, AWS Batch job
 * definition tags (SageMaker-style model outputs), Databricks task descriptions.
 */
class ArtifactKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private DeployPlan plan() {
        return Spaceflights.fixture(project, Exports.GROUPINGS.get(1).strategy(), false).plan(Exports.ENV,
                Exports.IMAGE);
    }

    @Test
    void everyTaskKnowsWhichOfItsPersistedOutputsAreModelsAndMetrics() {
        DeployPlan plan = plan();
        assertThat(plan.task("data_science").artifacts()).containsExactly(
                new Task.Artifact("regressor", "model"), new Task.Artifact("metrics", "metrics"));
        assertThat(plan.task("data_processing").artifacts("dataset")).containsExactly("preprocessed_companies",
                "preprocessed_shuttles", "model_input_table");
        assertThat(plan.task("data_processing").artifacts("model")).isEmpty();
    }

    @Test
    void argoAwsAndDatabricksCarryTheKinds() throws Exception {
        DeployPlan plan = plan();
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(Target.named("argo", TargetOptions.DEFAULTS)
                .render(plan).files().get(ArgoTarget.FILE));
        JsonNode ds = null;
        for (JsonNode t : wf.at("/spec/templates")) {
            if ("data_science".equals(t.at("/metadata/annotations/sluice.io~1group").asText())) {
                ds = t.at("/metadata/annotations");
            }
        }
        assertThat(ds).isNotNull();
        assertThat(ds.get("sluice.io/models").asText()).isEqualTo("regressor");
        assertThat(ds.get("sluice.io/metrics").asText()).isEqualTo("metrics"); // catalog: artifact: metrics
        assertThat(ds.has("sluice.io/datasets")).isFalse();

        ExportFiles aws = Target.named("aws", TargetOptions.DEFAULTS).render(plan);
        JsonNode def = JSON.readTree(aws.files().get("job-definitions/sluice-default-data_science.json"));
        assertThat(def.at("/tags/sluice:models").asText()).isEqualTo("regressor");
        assertThat(def.at("/tags/sluice:metrics").asText()).isEqualTo("metrics");
        assertThat(def.at("/tags").has("sluice:datasets")).isFalse();
        JsonNode prep = JSON.readTree(aws.files().get("job-definitions/sluice-default-data_processing.json"));
        assertThat(prep.at("/tags").has("sluice:models")).isFalse();

        JsonNode job = JSON.readTree(Target.named("databricks", TargetOptions.DEFAULTS).render(plan).files()
                .get(DatabricksTarget.FILE));
        assertThat(job.at("/tasks/1/description").asText()).endsWith(". Models: regressor. Metrics: metrics");
    }

    @Test
    void longTagValuesStopWithinAwsLimitsCountingTheNamesLeftOut() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add("dataset_number_" + i);
        }
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        AwsTarget.tagList(tags, "sluice:datasets", names);
        String v = tags.get("sluice:datasets").asText();
        assertThat(v.length()).isLessThanOrEqualTo(256);
        assertThat(v).matches("[A-Za-z0-9 +=._:/@-]+").startsWith("dataset_number_0 dataset_number_1 ");
        int kept = v.split(" ").length - 1;
        assertThat(v).endsWith(" +" + (40 - kept));
    }
}
