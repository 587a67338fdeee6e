package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.test.ProjectDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's pipelines through a {@link Session}, on a copy of the project in a temp directory. */
class SpaceflightsPipelineTest {

    @TempDir
    Path project;

    private Session compile() {
        ProjectDirs.copyInputs(project);
        return Session.compile(new SpaceflightsProject(), new SessionOptions(project, "local", Map.of()));
    }

    @Test
    void theDefaultPipelineTrainsAModelThatLearnsThePrice() throws Exception {
        try (Session session = compile()) {
            RunResult result = session.run(RunSpec.ofDefault());

            assertThat(result.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(result.journal().nodes()).hasSize(6);
            // 3,000 shuttles, 2,940 of them reviewed, less the rows with a missing value.
            assertThat((List<?>) session.catalog().dataset("model_input_table").load()).hasSize(2_132);
        }
        JsonNode metrics = new ObjectMapper().readTree(project.resolve("data/08_reporting/metrics.json").toFile());
        assertThat(metrics.get("r2_score").asDouble()).isBetween(0.6, 0.95);
        assertThat(metrics.get("mae").asDouble()).isPositive();
        assertThat(project.resolve("data/06_models/regressor.onnx")).isNotEmptyFile();
        assertThat(ProjectDirs.read(project.resolve("data/06_models/regressor.onnx.meta.json")))
                .contains("\"kind\" : \"model\"", "\"shape\" : [ -1, 8 ]",
                        "\"producer\" : \"io.sluice.examples.spaceflights.TrainedRegressor\"");
        assertThat(project.resolve("data/03_primary/model_input_table.parquet")).isNotEmptyFile();
        assertThat(project.resolve("data/02_intermediate/preprocessed_shuttles.parquet")).isNotEmptyFile();
    }
}
