package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports validated by the platforms' own validators (see {@link NodeValidators}): Argo
 * Workflow and WorkflowTemplate objects against Argo's CRD schemas, the Step Functions state
 * machine against the States Language. Each validator is shown to reject a broken document too.
 */
class SchemaValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path project;

    @Test
    void argoWorkflowsAndTemplatesOfBothGroupingsAreValid() throws Exception {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            for (Exports.Variant v : Exports.VARIANTS) {
                if (!v.target().equals("argo")) {
                    continue;
                }
                String yaml = Exports.render(project, g, v).files().get(ArgoTarget.FILE);
                NodeValidators.Result r = NodeValidators.validate("argo", JSON.writeValueAsString(YAML.readTree(yaml)));
                assertThat(r.valid()).as(g.name() + " " + v.name() + ": " + r.output()).isTrue();
            }
        }
    }

    @Test
    void theArgoValidatorRejectsABrokenWorkflow() throws Exception {
        String yaml = Exports.render(project, Exports.GROUPINGS.get(1), Exports.VARIANTS.get(0)).files()
                .get(ArgoTarget.FILE);
        ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
        ((ObjectNode) doc.at("/spec/templates/1")).put("activeDeadlineSeconds", "soon");
        ((ObjectNode) doc.at("/spec/templates/0/dag/tasks/0")).putObject("dependencies");
        NodeValidators.Result r = NodeValidators.validate("argo", JSON.writeValueAsString(doc));
        assertThat(r.valid()).as(r.output()).isFalse();
        assertThat(r.output()).startsWith("INVALID");
    }

    @Test
    void stepFunctionsStateMachinesOfBothGroupingsAreValidAsl() throws Exception {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            ExportFiles files = Exports.render(project, g, Exports.VARIANTS.get(2));
            NodeValidators.Result r = NodeValidators.validate("asl", files.files().get(AwsTarget.STATE_MACHINE));
            assertThat(r.valid()).as(g.name() + ": " + r.output()).isTrue();
        }
    }

    @Test
    void theAslValidatorRejectsABrokenStateMachine() throws Exception {
        ExportFiles files = Exports.render(project, Exports.GROUPINGS.get(0), Exports.VARIANTS.get(2));
        ObjectNode doc = (ObjectNode) JSON.readTree(files.files().get(AwsTarget.STATE_MACHINE));
        doc.put("StartAt", "nowhere");
        ((ObjectNode) doc.get("States").elements().next()).put("Type", "Teleport");
        NodeValidators.Result r = NodeValidators.validate("asl", JSON.writeValueAsString(doc));
        assertThat(r.valid()).as(r.output()).isFalse();
    }

    @Test
    void batchJobDefinitionsCarryTheGroupRunCommandAndValidSettings() throws Exception {
        ExportFiles files = Exports.render(project, Exports.GROUPINGS.get(0), Exports.VARIANTS.get(2));
        int definitions = 0;
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            if (!f.getKey().startsWith(AwsTarget.JOB_DEFINITIONS)) {
                continue;
            }
            definitions++;
            JsonNode d = JSON.readTree(f.getValue());
            String name = d.get("jobDefinitionName").asText();
            assertThat(f.getKey()).isEqualTo(AwsTarget.JOB_DEFINITIONS + name + ".json");
            assertThat(name).matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
            assertThat(d.get("type").asText()).isEqualTo("container");
            assertThat(d.at("/containerProperties/command/7").asText()).isEqualTo("Ref::runId");
            assertThat(d.at("/retryStrategy/attempts").asInt()).isBetween(1, 10);
            if (d.has("timeout")) {
                assertThat(d.at("/timeout/attemptDurationSeconds").asInt()).isGreaterThanOrEqualTo(60);
            }
            assertThat(d.at("/parameters/runId").isTextual()).isTrue();
        }
        JsonNode sm = JSON.readTree(files.files().get(AwsTarget.STATE_MACHINE));
        assertThat(definitions).isEqualTo(4);
        assertThat(sm.toString()).contains("\"runId.$\":\"$$.Execution.Name\"");
    }
}
