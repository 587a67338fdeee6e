package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice runners list|describe} and {@code sluice run --runner NAME} over runners.yml. */
class RunnersCommandTest {

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() throws Exception {
        RunsTestProject.write(project, services);
        RunsTestProject.FINISH_FAILS.set(false);
        Files.writeString(project.resolve("conf/base/runners.yml"), """
                default:
                  type: sequential
                  retry: [{nodes: [persist], max_attempts: 3, initial_backoff: 200ms, max_backoff: 5s, jitter: 0.2}]
                wide:
                  type: parallel
                  max_workers: 2
                """);
        Files.writeString(project.resolve("conf/prod/runners.yml"), """
                wide:
                  type: parallel
                  max_workers: 8
                """);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    private RunJournal.Part part(String runId) {
        return new JournalStore(project).read(runId).orElseThrow().parts().get(0);
    }

    @Test
    void listShowsTheDeclaredAndBuiltInRunnersSortedWithTypePolicyAndPlace() {
        Cli cli = sluice("runners", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String[] lines = cli.out().strip().split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0].strip()).startsWith("NAME");
        assertThat(lines[1].strip()).startsWith("default").contains("sequential", "1 retry", "runners.yml:1");
        assertThat(lines[2].strip()).startsWith("parallel").contains("built in");
        assertThat(lines[3].strip()).startsWith("sequential").contains("built in");
        assertThat(lines[4].strip()).startsWith("wide").contains("parallel", "runners.yml:4");
    }

    @Test
    void describeShowsTheBoundConfigOfTheEnvAsJson() {
        Cli base = sluice("runners", "describe", "wide");
        Cli prod = sluice("runners", "describe", "wide", "-e", "prod");
        Cli policy = sluice("runners", "describe", "default");

        assertThat(base.exitCode()).as(base.err()).isZero();
        assertThat(base.out()).contains("\"type\" : \"parallel\"", "\"max_workers\" : 2");
        assertThat(prod.out()).contains("\"max_workers\" : 8", "prod/runners.yml");
        assertThat(policy.out()).contains("\"retry\"", "\"max_attempts\" : 3", "\"initial_backoff\" : \"200ms\"",
                "\"jitter\" : 0.2");
    }

    @Test
    void describeOfAnUnknownRunnerNamesTheDeclaredOnesAndTheClosest() {
        Cli cli = sluice("runners", "describe", "wdie");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Unknown runner 'wdie'", "Did you mean 'wide'?",
                "default, parallel, sequential, wide");
    }

    @Test
    void runWithARunnerNameUsesThatEntryAndRecordsItsName() {
        Cli cli = sluice("run", "-p", "etl", "--runner", "wide", "--run-id", "r-wide");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(part("r-wide").runner()).isEqualTo("wide");
        assertThat(part("r-wide").spec().runner()).isEqualTo("wide");
    }

    @Test
    void runWithoutARunnerUsesTheDefaultEntry() {
        Cli cli = sluice("run", "-p", "etl", "--run-id", "r-default");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(part("r-default").runner()).isEqualTo("default");
    }

    @Test
    void theBuiltInNamesAndMaxWorkersKeepWorkingWhenRunnersYmlDoesNotDeclareThem() {
        Cli sequential = sluice("run", "-p", "etl", "--runner", "sequential", "--run-id", "r-seq");
        Cli parallel = sluice("run", "-p", "etl", "--runner", "parallel", "--max-workers", "2", "--run-id", "r-par");

        assertThat(sequential.exitCode()).as(sequential.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(part("r-seq").runner()).isEqualTo("sequential");
        assertThat(part("r-par").runner()).isEqualTo("parallel");
        assertThat(part("r-par").spec().maxWorkers()).isEqualTo(2);
    }

    @Test
    void runWithAnUnknownRunnerListsTheDeclaredOnesAndRunsNothing() {
        Cli cli = sluice("run", "-p", "etl", "--runner", "wied");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Unknown runner 'wied'", "Did you mean 'wide'?",
                "default, parallel, sequential, wide");
        assertThat(project.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void aWrongEntryFailsTheRunAtItsLine() throws Exception {
        Files.writeString(project.resolve("conf/base/runners.yml"), "wide:\n  type: parallel\n  max_wrokers: 2\n");

        Cli cli = sluice("run", "-p", "etl");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("runners.yml:3:3", "unknown key 'max_wrokers'", "Did you mean 'max_workers'?");
    }
}
