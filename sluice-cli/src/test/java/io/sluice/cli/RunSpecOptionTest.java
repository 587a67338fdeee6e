package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run --spec FILE|-|JSON}: a run spec as the whole description of a run. */
class RunSpecOptionTest {
    private static final String SPEC = "{\"pipeline\": \"etl\", \"run_id\": \"r-spec\", \"params\": {\"factor\": 4}}";

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

    private String out() throws Exception {
        return Files.readString(project.resolve("data/out.json")).trim();
    }

    private RunJournal journal(String runId) {
        return new JournalStore(project).read(runId).orElseThrow();
    }

    @Test
    void aSpecFileRunsTheSpec() throws Exception {
        Path file = Files.writeString(project.resolve("spec.json"), SPEC);

        Cli cli = sluice("run", "--spec", file.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Run r-spec of pipeline etl succeeded: 3 of 3 nodes ran in ");
        assertThat(out()).isEqualTo("12");
        assertThat(journal("r-spec").parts().get(0).spec())
                .isEqualTo(RunSpec.builder("etl").runId("r-spec").param("factor", 4).env("local").build());
    }

    @Test
    void aRelativeSpecFileIsReadFromTheProjectDirectory() throws Exception {
        Files.createDirectories(project.resolve("specs"));
        Files.writeString(project.resolve("specs/nightly.json"), SPEC);

        Cli cli = sluice("run", "--spec", "specs/nightly.json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out()).isEqualTo("12");
    }

    @Test
    void aDashReadsTheSpecFromStandardInput() throws Exception {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(SPEC.getBytes(StandardCharsets.UTF_8)));
        Cli cli;
        try {
            cli = sluice("run", "--spec", "-");
        } finally {
            System.setIn(stdin);
        }

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out()).isEqualTo("12");
    }

    @Test
    void inlineJsonIsTheSpecItself() throws Exception {
        Cli cli = sluice("run", "--spec", " {\"pipeline\": \"etl\", \"selection\": {\"to_nodes\": [\"persist\"]}}");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("succeeded: 2 of 2 nodes ran");
        assertThat(project.resolve("data/p2.json")).exists();
        assertThat(project.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void theSpecsEnvironmentCompilesTheSession() {
        Cli cli = sluice("run", "--spec", "{\"pipeline\": \"etl\", \"run_id\": \"r-prod\", \"env\": \"prod\"}");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(journal("r-prod").env()).isEqualTo("prod");
    }

    @Test
    void aSpecBesideTheOptionsItReplacesIsRefusedNamingThem() {
        Cli cli = sluice("run", "--spec", SPEC, "--nodes", "load", "--run-id", "r-x");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --spec replaces --nodes, --run-id: give the run spec alone, or edit "
                + "the spec.");
        assertThat(project.resolve(".sluice/runs")).doesNotExist();
    }

    @Test
    void anEnvOptionContradictingTheSpecIsRefused() {
        Cli cli = sluice("run", "--env", "local", "--spec", "{\"pipeline\": \"etl\", \"env\": \"prod\"}");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --env local contradicts the spec's env 'prod'.");
    }

    @Test
    void aBadSpecFileIsAUsageErrorNamingTheFileAndTheField() throws Exception {
        Files.writeString(project.resolve("bad.json"), "{\"pipline\": \"etl\"}");

        Cli cli = sluice("run", "--spec", "bad.json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: bad.json: run spec: unknown field 'pipline'. Did you mean "
                + "'pipeline'?");
    }

    @Test
    void aSpecValueOfTheWrongTypeNamesTheField() {
        Cli cli = sluice("run", "--spec", "{\"pipeline\": \"etl\", \"max_workers\": -2}");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --spec: run spec: max_workers must be an integer of 0 or more, "
                + "got number -2");
    }

    @Test
    void aMissingSpecFileIsAUsageError() {
        Cli cli = sluice("run", "--spec", "nowhere.json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --spec: cannot read nowhere.json: ");
    }

    @Test
    void aSpecOfAnUnknownPipelineFailsNamingTheRegisteredOnes() {
        Cli cli = sluice("run", "--spec", "{\"pipeline\": \"elt\"}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: Pipeline 'elt' is not registered by project RunsTestProject. "
                + "Registered pipelines: __default__, etl.");
    }

    @Test
    void optionsTheSpecRefusesAreUsageErrorsNamingTheValue() {
        Cli unsafeVersion = sluice("run", "-p", "etl", "--load-versions", "raw:../../etc");
        Cli unsafeId = sluice("run", "-p", "etl", "--run-id", "../x");

        assertThat(unsafeVersion.exitCode()).isEqualTo(2);
        assertThat(unsafeVersion.err()).startsWith("Error: load_versions.raw '../../etc' is not a safe name");
        assertThat(unsafeId.exitCode()).isEqualTo(2);
        assertThat(unsafeId.err()).startsWith("Error: Invalid run id '../x'");
    }
}
