package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigException;
import io.sluice.group.GroupStrategy;
import io.sluice.group.InvalidGroupingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails before anything is rendered, with a message naming the fix. */
class BadInputTest {
    @TempDir
    Path project;

    @Test
    void anUnknownTargetSuggestsTheClosest() {
        assertThatThrownBy(() -> Target.named("argoo", TargetOptions.DEFAULTS)).isInstanceOf(ExportException.class)
                .hasMessage("Unknown export target 'argoo'. Did you mean 'argo'? Targets: argo, aws, airflow, databricks, docker, kubeflow.");
        assertThatThrownBy(() -> Target.named("k8s", TargetOptions.DEFAULTS)).isInstanceOf(ExportException.class)
                .hasMessage("Unknown export target 'k8s'. Targets: argo, aws, airflow, databricks, docker, kubeflow.");
    }

    @Test
    void aMissingImageIsAnError() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false);
        assertThatThrownBy(() -> fx.plan(Exports.ENV, null)).isInstanceOf(ExportException.class)
                .hasMessageStartingWith("Missing --image IMAGE");
        assertThatThrownBy(() -> fx.plan(Exports.ENV, " ")).hasMessageStartingWith("Missing --image IMAGE");
    }

    @Test
    void memoryDatasetsAcrossGroupsMakeTheGroupingInvalid() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, new GroupStrategy.PerNode(), false);
        assertThatThrownBy(() -> fx.plan(Exports.ENV, Exports.IMAGE)).isInstanceOf(InvalidGroupingException.class)
                .hasMessageContaining("Memory dataset 'split' crosses from group data_science.split_data to "
                        + "data_science.train_model");
    }

    @Test
    void theProjectsGroupRulesRunFirst() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false);
        assertThatThrownBy(() -> DeployPlan.of(fx.document(), fx.grouping(),
                Map.of("small", g -> List.of("data_science is too big")), fx.policy(), fx.settings(), Exports.ENV,
                Exports.IMAGE, null)).isInstanceOf(InvalidGroupingException.class)
                .hasMessageContaining("data_science is too big");
    }

    @Test
    void deployYmlTasksMustNameGroups() {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false, """
                tasks:
                  data_sceince: {memory: 4Gi}
                """);
        assertThatThrownBy(() -> fx.plan(Exports.ENV, Exports.IMAGE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("deploy.yml")
                .hasMessageContaining("tasks.data_sceince names no group of this grouping")
                .hasMessageContaining("Did you mean 'data_science'?");
    }

    @Test
    void deployYmlUnknownKeysAreErrorsAtTheirLine() {
        assertThatThrownBy(() -> Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false, """
                tasks:
                  default: {memroy: 4Gi}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("memroy")
                .hasMessageContaining("deploy.yml:2");
    }
}
