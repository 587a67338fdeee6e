package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.group.GroupDependency;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KFP v2 pipeline IR checked structurally against the documented PipelineSpec (no validator
 * runs offline): every task's component and executor exist, dependentTasks are the group graph,
 * the executors run the group-run contract with KFP's job-name placeholder, the env is a pipeline
 * parameter passed to every task.
 */
class KubeflowIrTest {
    @TempDir
    Path project;

    @Test
    void theIrIsAWellFormedPipelineSpecOfTheGroupGraph() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            String text = Target.named("kubeflow", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE))
                    .files().get(KubeflowTarget.FILE);
            assertThat(text).startsWith("# PIPELINE DEFINITION\n# Name: sluice-default\n");
            JsonNode ir = yaml.readTree(text);
            assertThat(ir.get("schemaVersion").asText()).isEqualTo("2.1.0");
            assertThat(ir.at("/pipelineInfo/name").asText()).matches("[a-z0-9-]+");
            assertThat(ir.at("/root/inputDefinitions/parameters/env/defaultValue").asText()).isEqualTo("prod");
            JsonNode tasks = ir.at("/root/dag/tasks");
            Map<String, String> groupOfTask = new HashMap<>();
            tasks.fields().forEachRemaining(e -> {
                JsonNode t = e.getValue();
                String comp = t.at("/componentRef/name").asText();
                assertThat(ir.at("/components/" + comp).isObject()).as(comp).isTrue();
                String exec = ir.at("/components/" + comp + "/executorLabel").asText();
                JsonNode container = ir.at("/deploymentSpec/executors/" + exec + "/container");
                assertThat(container.get("image").asText()).isEqualTo(Exports.IMAGE);
                // deploy.yml's default task settings {cpu: 500m, memory: 1Gi}, in cores and gigabytes
                assertThat(container.at("/resources/cpuLimit").decimalValue()).isEqualByComparingTo("0.5");
                assertThat(container.at("/resources/memoryRequest").decimalValue())
                        .isEqualByComparingTo("1.073741824");
                List<String> args = yaml.convertValue(container.get("args"), List.class);
                assertThat(args.subList(0, 4)).containsExactly("run", "--pipeline", "__default__", "--group");
                assertThat(args.subList(5, 9)).containsExactly("--run-id", "{{$.pipeline_job_name}}", "--env",
                        "{{$.inputs.parameters['env']}}");
                groupOfTask.put(e.getKey(), args.get(4));
                assertThat(t.at("/inputs/parameters/env/componentInputParameter").asText()).isEqualTo("env");
                assertThat(t.at("/cachingOptions/enableCache").asBoolean(true)).isFalse();
                assertThat(t.at("/taskInfo/name").asText()).isEqualTo(e.getKey());
            });
            assertThat(groupOfTask.values()).containsExactlyInAnyOrderElementsOf(fx.grouping().groupIds());
            Set<List<String>> edges = new HashSet<>();
            tasks.fields().forEachRemaining(e -> e.getValue().path("dependentTasks").forEach(d ->
                    edges.add(List.of(groupOfTask.get(d.asText()), groupOfTask.get(e.getKey())))));
            Set<List<String>> expected = new HashSet<>();
            for (GroupDependency d : fx.grouping().dependencies()) {
                expected.add(List.of(d.from(), d.to()));
            }
            assertThat(edges).as(g.name()).isEqualTo(expected);
        }
    }
}
