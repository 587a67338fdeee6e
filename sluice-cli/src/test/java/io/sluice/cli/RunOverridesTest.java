package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sluice run --params} and {@code --load-versions} (and the same in a {@code --spec}), and
 * {@code sluice serve --params}: what no node and no config would read is an error naming it,
 * never silently ignored.
 */
class RunOverridesTest {
    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    private void nothingRan() {
        assertThat(project.resolve("data/out.json")).doesNotExist();
        assertThat(project.resolve(".sluice/runs")).doesNotExist();
    }

    @Test
    void aParameterNoNodeReadsIsAnErrorWithTheClosestOneAndWhereParametersAreRead() {
        Cli cli = sluice("run", "-p", "etl", "--params", "factr=4");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Parameter override 'factr' is read by no node of pipeline 'etl' and "
                + "by no configuration. Did you mean 'factor'? Where parameters are read: pipeline 'etl' reads factor "
                + "(node 'finish'); the configuration reads no runtime param. Fix the path, or drop the override.");
        nothingRan();
    }

    @Test
    void aRunSpecsParameterNoNodeReadsIsTheSameError() {
        Cli cli = sluice("run", "--spec", "{\"pipeline\": \"etl\", \"params\": {\"factr\": 4}}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Parameter override 'factr' is read by no node of pipeline 'etl'");
        nothingRan();
    }

    @Test
    void aParameterANodeReadsIsApplied() throws Exception {
        Cli cli = sluice("run", "-p", "etl", "--params", "factor=4");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(project.resolve("data/out.json")).trim()).isEqualTo("12");
    }

    @Test
    void aParameterOnlyTheConfigReadsIsApplied() throws Exception {
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw:
                  type: json
                  filepath: data/raw.json
                p2:
                  type: json
                  filepath: data/p2.json
                out:
                  type: json
                  filepath: data/${runtime_params:out_name, out}.json
                """);

        Cli cli = sluice("run", "-p", "etl", "--params", "out_name=result");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(project.resolve("data/result.json")).exists();
    }

    @Test
    void aLoadVersionForADatasetThatIsNotVersionedIsAnError() {
        Cli cli = sluice("run", "-p", "etl", "--load-versions", "p2:2026-01-01T00.00.00.000Z-a");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Load version for dataset 'p2': it is not versioned (json, "
                + "conf/base/catalog.yml:4:1), so it has only one version to load.");
        nothingRan();
    }

    @Test
    void aLoadVersionForADatasetThePipelineDoesNotHaveSuggestsTheClosestOne() {
        Cli cli = sluice("run", "--spec", "{\"pipeline\": \"etl\", \"load_versions\": {\"p3\": \"v1\"}}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Load version for dataset 'p3': pipeline 'etl' has no such dataset. "
                + "Did you mean 'p2'?");
        nothingRan();
    }

    @Test
    void twoVersionsOfOneDatasetAreAUsageError() {
        Cli cli = sluice("run", "-p", "etl", "--load-versions", "p2:v1", "--load-versions", "p2:v2");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --load-versions gives two versions of dataset 'p2': v1 and v2. "
                + "Give one.");
        nothingRan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../v1", "a/b", "a\\b", ".."})
    void aLoadVersionThatCouldLeaveTheDatasetsFolderIsAUsageError(String version) {
        Cli cli = sluice("run", "-p", "etl", "--load-versions", "p2:" + version);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: load_versions.p2 '" + version + "' is not a safe name");
        nothingRan();
    }

    @Test
    void serveRefusesAParameterNoServedPipelineReadsBeforeServing() {
        Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sluice("serve", "--port", "0", "--params",
                "factor=2,factr=4"));

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Parameter override 'factr' is read by no node of pipeline "
                + "'__default__' and by no configuration. Did you mean 'factor'?");
        assertThat(cli.out()).doesNotContain("Serving");
    }
}
