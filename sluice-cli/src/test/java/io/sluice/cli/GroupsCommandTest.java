package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice groups} on {@link GroupsTestProject}. */
class GroupsCommandTest {
    private static final String NL = System.lineSeparator();

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
    void textListsGroupsMembersDependenciesBoundariesAndTheCheck() {
        Cli cli = sluice("groups", "-p", "shop", "--by", "namespace", "--check");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo(String.join(NL,
                "Pipeline shop grouped by namespace: 2 groups",
                "",
                "data (2 nodes)",
                "  data.load",
                "  data.clean",
                "",
                "ds (2 nodes)",
                "  ds.train",
                "  ds.score",
                "",
                "Dependencies:",
                "  data -> ds via data.clean",
                "Boundary datasets:",
                "  data.clean: data -> ds",
                "",
                "Check: ok", ""));
    }

    @Test
    void checkFailsWithExitOneAndNamesEveryMemoryDatasetAcrossGroups() {
        Cli cli = sluice("groups", "-p", "shop", "--by", "node", "--check");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("  data.table: data.load -> data.clean (memory)" + NL)
                .contains("Check: 2 problems" + NL)
                .contains("  - Memory dataset 'data.table' crosses from group data.load to data.clean")
                .contains("  - Memory dataset 'ds.model' crosses from group ds.train to ds.score");
        assertThat(sluice("groups", "-p", "shop", "--by", "node").exitCode()).as("without --check").isZero();
    }

    @Test
    void jsonHasTheGroupingAndTheCheck() throws Exception {
        Cli cli = sluice("groups", "-p", "shop", "--by", "memory-components", "--format", "json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/grouping/strategy").asText()).isEqualTo("memory-components");
        assertThat(json.at("/grouping/groups/0/id").asText()).isEqualTo("data.load");
        assertThat(json.at("/grouping/groups/1/nodes").toString()).isEqualTo("[\"ds.train\",\"ds.score\"]");
        assertThat(json.at("/grouping/boundary_datasets/0/dataset").asText()).isEqualTo("data.clean");
        assertThat(json.at("/check/ok").asBoolean()).isTrue();
    }

    @Test
    void aMergeToOneGroupTripsTheProjectsHookCheck() {
        Cli cli = sluice("groups", "-p", "shop", "--by", "memory-components", "--target-groups", "1", "--check");
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).startsWith("Pipeline shop grouped by memory-components+merge(target=1): 1 group" + NL)
                .contains("  - SizeLimit: group data.load has 4 nodes, more than 3: split it" + NL);
    }

    @Test
    void deployGroupsComeFromTheEnvironmentsDeployYml() throws Exception {
        Files.writeString(project.resolve("conf/prod/deploy.yml"), """
                groups:
                  prep:
                    namespaces: [data]
                rest: model
                """);
        Cli cli = sluice("groups", "-p", "shop", "--by", "deploy", "--env", "prod", "--check", "--format", "json");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.at("/grouping/groups").toString()).isEqualTo("[{\"id\":\"prep\",\"nodes\":[\"data.load\","
                + "\"data.clean\"]},{\"id\":\"model\",\"nodes\":[\"ds.train\",\"ds.score\"]}]");

        Files.writeString(project.resolve("conf/prod/deploy.yml"), """
                groups:
                  prep:
                    namespaces: [dta]
                """);
        Cli bad = sluice("groups", "-p", "shop", "--by", "deploy", "--env", "prod");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("conf/prod/deploy.yml:3:18: no namespace 'dta' in the pipeline")
                .contains("(did you mean 'data'?)");
        Cli none = sluice("groups", "-p", "shop", "--by", "deploy");
        assertThat(none.err()).contains("No deploy config: --by deploy reads groups from conf/base/deploy.yml");
    }

    @Test
    void withoutByTheGroupsAreThoseRunsOfOneGroupUse() throws Exception {
        Cli byDefault = sluice("groups", "-p", "shop");
        assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).startsWith("Pipeline shop grouped by memory-components: 2 groups" + NL);
        Files.writeString(project.resolve("conf/local/deploy.yml"), "strategy: namespace\n");
        Cli configured = sluice("groups", "-p", "shop");
        assertThat(configured.out()).startsWith("Pipeline shop grouped by namespace: 2 groups" + NL);
    }

    @Test
    void tagOptionsAndUsageErrors() {
        Cli tags = sluice("groups", "-p", "shop", "--by", "tag", "--rest", "all");
        assertThat(tags.exitCode()).as(tags.err()).isZero();
        assertThat(tags.out()).startsWith("Pipeline shop grouped by tag:group:,rest=all: 1 group" + NL);

        Cli merge = sluice("groups", "-p", "shop", "--target-groups", "1");
        assertThat(merge.exitCode()).isEqualTo(2);
        assertThat(merge.err()).contains("The grouping options need --by STRATEGY");
        Cli wrong = sluice("groups", "--by", "namespaces");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(sluice("groups", "--by", "node", "--rest", "x").err()).contains("--rest applies to --by tag only");
    }
}
