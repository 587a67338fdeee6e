package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.group.GroupStrategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task retries and deadlines from the runner entry's policy; per-group settings from deploy.yml. */
class PolicyAndSettingsTest {
    @TempDir
    Path project;

    @Test
    void retriesFollowTheMostRetriedNodeAndDeadlinesNeedEveryNodeTimedOut() {
        DeployPlan plan = Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false)
                .plan(Exports.ENV, Exports.IMAGE);
        TaskPolicy dp = plan.task("data_processing").policy();
        assertThat(dp.retries()).isEqualTo(2);
        assertThat(dp.backoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(dp.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(dp.deadline()).as("create_model_input_table has no timeout").isEmpty();
        TaskPolicy ds = plan.task("data_science").policy();
        assertThat(ds.retries()).isZero();
        assertThat(ds.deadline()).contains(Duration.ofMinutes(30));
    }

    @Test
    void deployYmlTasksOverrideDefaultsAndThePolicy() {
        DeployPlan plan = Spaceflights.fixture(project, new GroupStrategy.ByNamespace(), false, """
                tasks:
                  default: {cpu: 500m, memory: 1Gi}
                  data_science:
                    image: registry.example.com/spaceflights-gpu:1.0.0
                    cpu: "4"
                    memory: 8Gi
                    node_selector: {pool: highmem, accelerator: none}
                    retries: 1
                    timeout: 2h
                """).plan(Exports.ENV, Exports.IMAGE);
        Task ds = plan.task("data_science");
        assertThat(ds.image()).isEqualTo("registry.example.com/spaceflights-gpu:1.0.0");
        assertThat(ds.settings().cpu()).contains("4");
        assertThat(ds.settings().memory()).contains("8Gi");
        assertThat(ds.settings().nodeSelector()).isEqualTo(Map.of("accelerator", "none", "pool", "highmem"));
        assertThat(ds.policy().retries()).isEqualTo(1);
        assertThat(ds.policy().deadline()).isEqualTo(Optional.of(Duration.ofHours(2)));
        Task dp = plan.task("data_processing");
        assertThat(dp.image()).isEqualTo(Exports.IMAGE);
        assertThat(dp.settings().cpu()).contains("500m");

        String argo = Target.named("argo", TargetOptions.DEFAULTS).render(plan).files().get(ArgoTarget.FILE);
        assertThat(argo).contains("      activeDeadlineSeconds: 7200\n      nodeSelector:\n        accelerator: none\n"
                + "        pool: highmem\n");
        assertThat(argo).contains("image: registry.example.com/spaceflights-gpu:1.0.0");
        String aws = Target.named("aws", TargetOptions.DEFAULTS).render(plan).files()
                .get("job-definitions/sluice-default-data_science.json");
        assertThat(aws).contains("\"value\": \"4\"").contains("\"value\": \"8192\"").contains("\"attempts\": 2");
    }

    @Test
    void kubernetesQuantitiesBecomeBatchUnits() {
        assertThat(AwsTarget.vcpus("500m")).isEqualTo("1");
        assertThat(AwsTarget.vcpus("2500m")).isEqualTo("3");
        assertThat(AwsTarget.vcpus("2")).isEqualTo("2");
        assertThat(AwsTarget.mebibytes("512Mi")).isEqualTo("512");
        assertThat(AwsTarget.mebibytes("4Gi")).isEqualTo("4096");
        assertThat(AwsTarget.mebibytes("1G")).isEqualTo("954");
    }

    @Test
    void groupIdsBecomeUniqueDnsLabels() {
        Map<String, String> names = Names.unique(java.util.List.of("data.load", "data-load", "Train", "9lives"),
                Names::dns1123, 63, "-");
        assertThat(names.get("Train")).isEqualTo("train");
        assertThat(names.get("9lives")).isEqualTo("g-9lives");
        assertThat(names.get("data.load")).startsWith("data-load-").isNotEqualTo(names.get("data-load"));
        assertThat(names.values()).allMatch(n -> n.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?"));
        String longId = "a".repeat(100);
        assertThat(Names.unique(java.util.List.of(longId), Names::dns1123, 63, "-").get(longId)).hasSize(63);
    }
}
