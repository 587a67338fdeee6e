package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.group.GroupDependency;
import io.sluice.group.Grouping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported Argo DAG and Step Functions state machine read back as their orchestrators run
 * them (what the process-running simulation in sluice-cli executes): one command per group, each
 * after the groups it depends on, with the run id the platform would pass (the workflow's name,
 * the execution's name), and the grouping options when the deploy config groups otherwise.
 */
class ExportedDagTest {
    @TempDir
    Path project;

    private static List<String> expectedCommand(Exports.Grouped g, String group, String runId) {
        List<String> cmd = new ArrayList<>(List.of("sluice", "run", "--pipeline", "__default__", "--group", group,
                "--run-id", runId, "--env", "prod"));
        if (g.name().equals("namespace")) { // the fixture's deploy config groups by memory-components
            cmd.addAll(List.of("--group-by", "namespace"));
        }
        return cmd;
    }

    private static void assertIsTheGroupGraph(ExportedDag dag, Grouping grouping, Exports.Grouped g, String runId) {
        List<String> order = dag.tasks().stream().map(ExportedDag.DagTask::group).toList();
        assertThat(order).as(g.name()).containsExactlyInAnyOrderElementsOf(grouping.groupIds());
        for (GroupDependency d : grouping.dependencies()) {
            assertThat(order.indexOf(d.from())).as(d.from() + " before " + d.to()).isLessThan(order.indexOf(d.to()));
        }
        for (ExportedDag.DagTask t : dag.tasks()) {
            assertThat(t.command()).containsExactlyElementsOf(expectedCommand(g, t.group(), runId));
            List<String> depGroups = new ArrayList<>();
            for (String dep : t.dependencies()) {
                depGroups.add(dag.tasks().stream().filter(x -> x.name().equals(dep)).findFirst().orElseThrow()
                        .group());
            }
            assertThat(depGroups).as(t.name() + " waits for every group it reads from")
                    .containsAll(grouping.dependencies().stream().filter(d -> d.to().equals(t.group()))
                            .map(GroupDependency::from).distinct().toList());
        }
    }

    @Test
    void theArgoDagIsTheGroupGraphWithTheGroupRunCommands() {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            String yaml = Target.named("argo", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE))
                    .files().get(ArgoTarget.FILE);
            ExportedDag dag = ExportedDag.readArgo(yaml, "sluice-default-x7k2p", Map.of());
            assertIsTheGroupGraph(dag, fx.grouping(), g, "sluice-default-x7k2p");
            for (ExportedDag.DagTask t : dag.tasks()) { // Argo waits for exactly the groups read from
                assertThat(t.dependencies()).hasSize((int) fx.grouping().dependencies().stream()
                        .filter(d -> d.to().equals(t.group())).map(GroupDependency::from).distinct().count());
            }
        }
    }

    @Test
    void argoParametersCanBeOverriddenAsAtSubmission() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, Exports.GROUPINGS.get(1).strategy(), false);
        String yaml = Target.named("argo", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE))
                .files().get(ArgoTarget.FILE);
        ExportedDag dag = ExportedDag.readArgo(yaml, "sluice-default-nightly", Map.of("env", "staging"));
        assertThat(dag.tasks().get(0).command()).containsSequence("--run-id", "sluice-default-nightly", "--env",
                "staging");
    }

    @Test
    void theStepFunctionsStateMachineRunsTheGroupGraphUnderTheExecutionName() {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            ExportFiles files = Target.named("aws", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE));
            ExportedDag dag = ExportedDag.readStepFunctions(files.files(), "nightly-2026-12-06");
            assertIsTheGroupGraph(dag, fx.grouping(), g, "nightly-2026-12-06");
        }
    }

    @Test
    void aStateMachineExportDoesNotWriteIsRefused() throws Exception {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, Exports.GROUPINGS.get(1).strategy(), false);
        Map<String, String> files = new HashMap<>(Target.named("aws", TargetOptions.DEFAULTS)
                .render(fx.plan(Exports.ENV, Exports.IMAGE)).files());
        ObjectMapper json = new ObjectMapper();
        ObjectNode machine = (ObjectNode) json.readTree(files.get(AwsTarget.STATE_MACHINE));
        String first = machine.get("StartAt").asText();
        ((ObjectNode) machine.get("States").get(first)).put("Type", "Choice");
        files.put(AwsTarget.STATE_MACHINE, json.writeValueAsString(machine));
        assertThatThrownBy(() -> ExportedDag.readStepFunctions(files, "x"))
                .hasMessageContaining("is a Choice state: sluice export aws writes Task and Parallel states only");
    }
}
