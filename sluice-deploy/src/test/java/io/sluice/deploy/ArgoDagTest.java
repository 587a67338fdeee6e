package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.group.GroupDependency;
import io.sluice.group.Grouping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported Argo DAG read back as an orchestrator runs it (what a process-running simulation
 * will execute once {@code sluice run --group} lands): one command per group, each after the
 * groups it depends on, with the run id Argo would pass (the workflow's name).
 */
class ArgoDagTest {
    @TempDir
    Path project;

    @Test
    void theDagIsTheGroupGraphWithTheGroupRunCommands() {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            String yaml = Target.named("argo", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE))
                    .files().get(ArgoTarget.FILE);
            ArgoDag dag = ArgoDag.read(yaml, "sluice-default-x7k2p", Map.of());
            Grouping grouping = fx.grouping();
            List<String> order = dag.tasks().stream().map(ArgoDag.DagTask::group).toList();
            assertThat(order).as(g.name()).containsExactlyInAnyOrderElementsOf(grouping.groupIds());
            for (GroupDependency d : grouping.dependencies()) {
                assertThat(order.indexOf(d.from())).as(d.from() + " before " + d.to())
                        .isLessThan(order.indexOf(d.to()));
            }
            for (ArgoDag.DagTask t : dag.tasks()) {
                assertThat(t.command()).containsExactly("sluice", "run", "--pipeline", "__default__", "--group",
                        t.group(), "--run-id", "sluice-default-x7k2p", "--env", "prod");
                List<String> depGroups = new ArrayList<>();
                for (String dep : t.dependencies()) {
                    depGroups.add(dag.tasks().stream().filter(x -> x.name().equals(dep)).findFirst().orElseThrow()
                            .group());
                }
                assertThat(depGroups).containsExactlyInAnyOrderElementsOf(grouping.dependencies().stream()
                        .filter(d -> d.to().equals(t.group())).map(GroupDependency::from).distinct().toList());
            }
        }
    }

    @Test
    void parametersCanBeOverriddenAsAtSubmission() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, Exports.GROUPINGS.get(1).strategy(), false);
        String yaml = Target.named("argo", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV, Exports.IMAGE))
                .files().get(ArgoTarget.FILE);
        ArgoDag dag = ArgoDag.read(yaml, "sluice-default-nightly", Map.of("env", "staging"));
        assertThat(dag.tasks().get(0).command()).endsWith("--run-id", "sluice-default-nightly", "--env", "staging");
    }
}
