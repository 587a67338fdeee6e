package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice export} on {@link GroupsTestProject}: files written atomically, --check, and bad input writing nothing. */
class ExportCommandTest {
    private static final String IMAGE = "registry.example.com/shop:1.0";

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        GroupsTestProject.write(project, services);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    @Test
    void writesTheArgoWorkflowThenCheckSaysUpToDateUntilAFileChanges() throws Exception {
        Cli cli = sluice("export", "argo", "-p", "shop", "--group-by", "namespace", "--image", IMAGE, "--env", "prod");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        Path workflow = project.resolve("deploy/argo/workflow.yaml");
        assertThat(cli.err()).contains("Exported pipeline 'shop' for argo to " + project.resolve("deploy/argo"));
        String yaml = Files.readString(workflow);
        assertThat(yaml).contains("sluice.io/structure-hash: ").contains("- --group\n          - data\n")
                .contains("image: " + IMAGE);

        Cli check = sluice("export", "argo", "-p", "shop", "--group-by", "namespace", "--image", IMAGE, "--env", "prod",
                "--check", "deploy/argo");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("Up to date: ");

        Cli otherImage = sluice("export", "argo", "-p", "shop", "--group-by", "namespace", "--image", IMAGE + "-b",
                "--env", "prod", "--check", "deploy/argo");
        assertThat(otherImage.exitCode()).isEqualTo(1);
        assertThat(otherImage.out()).startsWith("Stale: the files differ: workflow.yaml changed");

        String hash = yaml.replaceAll("(?s).*sluice.io/structure-hash: ([0-9a-f]{64}).*", "$1");
        Files.writeString(workflow, yaml.replace(hash, "0".repeat(64))); // as exported from another structure
        Cli stale = sluice("export", "argo", "-p", "shop", "--group-by", "namespace", "--image", IMAGE, "--env", "prod",
                "--check", "deploy/argo");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.out()).startsWith("Stale: the structure hash differs: workflow.yaml was exported from "
                + "0".repeat(64));
    }

    @Test
    void everyTargetExportsIntoItsOwnFolder() {
        for (String target : new String[] {"aws", "airflow", "docker"}) {
            Cli cli = sluice("export", target, "-p", "shop", "--group-by", "memory-components", "--image", IMAGE);
            assertThat(cli.exitCode()).as(target + ": " + cli.err()).isZero();
            assertThat(project.resolve("deploy/" + target)).isDirectory();
        }
        assertThat(project.resolve("deploy/aws/state-machine.asl.json")).isRegularFile();
        assertThat(project.resolve("deploy/airflow/sluice_shop_dag.py")).isRegularFile();
        assertThat(project.resolve("deploy/docker/Dockerfile")).isRegularFile();
    }

    @Test
    void anUnknownTargetSuggestsOneAndWritesNothing() {
        Cli cli = sluice("export", "argp", "-p", "shop", "--group-by", "namespace", "--image", IMAGE);
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Unknown export target 'argp'. Did you mean 'argo'?");
        assertThat(project.resolve("deploy")).doesNotExist();
    }

    @Test
    void aMissingImageWritesNothing() {
        Cli cli = sluice("export", "argo", "-p", "shop", "--group-by", "namespace");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Missing --image IMAGE");
        assertThat(project.resolve("deploy")).doesNotExist();
    }

    @Test
    void anInvalidGroupingLeavesTheDeployedFilesAsTheyWere() throws Exception {
        Path deployed = project.resolve("deploy/argo/workflow.yaml");
        Files.createDirectories(deployed.getParent());
        Files.writeString(deployed, "deployed before\n");
        Cli memory = sluice("export", "argo", "-p", "shop", "--group-by", "node", "--image", IMAGE);
        assertThat(memory.exitCode()).isEqualTo(1);
        assertThat(memory.err()).contains("Memory dataset 'data.table' crosses from group data.load to data.clean");
        Cli hook = sluice("export", "argo", "-p", "shop", "--group-by", "memory-components", "--target-groups", "1",
                "--image", IMAGE);
        assertThat(hook.exitCode()).isEqualTo(1);
        assertThat(hook.err()).contains("more than 3: split it");
        assertThat(Files.readString(deployed)).isEqualTo("deployed before\n");
        try (var siblings = Files.list(deployed.getParent().getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("argo");
        }
    }

    @Test
    void withoutGroupByItGroupsAsTheTasksGroupRunsDoAndAnotherStrategyIsCarriedIntoTheTasks() throws Exception {
        Cli byDeployConfig = sluice("export", "argo", "-p", "shop", "--image", IMAGE);
        assertThat(byDeployConfig.exitCode()).as(byDeployConfig.err()).isZero();
        assertThat(byDeployConfig.err()).doesNotContain("--group-by");
        assertThat(Files.readString(project.resolve("deploy/argo/workflow.yaml"))).doesNotContain("--group-by");

        Cli other = sluice("export", "argo", "-p", "shop", "--group-by", "namespace", "--image", IMAGE, "-o",
                "deploy/by-namespace");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.err()).contains("The tasks carry --group-by namespace");
        assertThat(Files.readString(project.resolve("deploy/by-namespace/workflow.yaml")))
                .contains("- --group-by\n          - namespace\n");
    }

    @Test
    void aGroupRunGroupsByTheStrategyItCarriesAndGroupByNeedsAGroup() throws Exception {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/raw.json"), "1");
        Cli byNamespace = sluice("run", "-p", "shop", "--group", "data", "--group-by", "namespace", "--run-id", "r1");
        assertThat(byNamespace.exitCode()).as(byNamespace.out() + byNamespace.err()).isZero();
        assertThat(byNamespace.out()).contains("Run r1 of pipeline shop succeeded: 2 of 2 nodes ran");
        assertThat(Files.readString(project.resolve("data/clean.json")).strip()).isEqualTo("3");
        Cli byDeployConfig = sluice("run", "-p", "shop", "--group", "data", "--run-id", "r2");
        assertThat(byDeployConfig.exitCode()).isEqualTo(1);
        assertThat(byDeployConfig.err()).contains("has no group 'data'");
        Cli alone = sluice("run", "-p", "shop", "--group-by", "namespace");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--group-by says how a group run groups the pipeline: give --group GROUP");
    }

    @Test
    void databricksWritesAJobAndItsOptionsReachTheClusters() throws Exception {
        Cli cli = sluice("export", "databricks", "-p", "shop", "--image", IMAGE, "--databricks-node-type",
                "Standard_DS3_v2");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String job = Files.readString(project.resolve("deploy/databricks/job.json"));
        assertThat(job).contains("\"node_type_id\": \"Standard_DS3_v2\"").contains("\"{{job.run_id}}\"")
                .contains("\"main_class_name\": \"io.sluice.cli.SluiceJob\"");
    }
}
