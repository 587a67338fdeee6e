package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run --runner tuning} where tuning is a {@code sweep} launcher of runners.yml. */
class SweepCommandTest {

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() throws Exception {
        RunsTestProject.write(project, services);
        RunsTestProject.FINISH_FAILS.set(false);
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                tuning_summary:
                  type: csv
                  filepath: data/tuning_summary.csv
                """, StandardOpenOption.APPEND);
        Files.writeString(project.resolve("conf/base/runners.yml"), """
                wide: {type: parallel, max_workers: 2}
                tuning:
                  launcher: sweep
                  wraps: wide
                  grid:
                    factor: [1, 2, 3]
                  parallel: 2
                  summary:
                    outputs: [out]
                    dataset: tuning_summary
                """);
    }

    @AfterEach
    void reset() {
        RunsTestProject.FINISH_FAILS.set(false);
    }

    private static List<String> tableOf(String out) {
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("run_id")).findFirst().orElseThrow());
        return lines.subList(header, header + 4);
    }

    @Test
    void runWithASweepRunnerRunsEverySetAndPrintsTheAlignedSummary() throws Exception {
        Cli cli = RunsTestProject.sluice(project, services, "run", "-p", "etl", "--runner", "tuning");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> table = tableOf(cli.out());
        assertThat(table.get(0)).matches("run_id\\s+state\\s+factor\\s+out\\s+error");
        assertThat(table.get(1)).matches("\\S+\\s+succeeded\\s+1\\s+3");
        assertThat(table.get(2)).matches("\\S+\\s+succeeded\\s+2\\s+6");
        assertThat(table.get(3)).matches("\\S+\\s+succeeded\\s+3\\s+9");
        int stateColumn = table.get(0).indexOf("state");
        assertThat(table).as("aligned").allSatisfy(l -> assertThat(l.indexOf("s", stateColumn)).isEqualTo(stateColumn));
        assertThat(cli.out()).contains("Sweep tuning: 3 parameter sets through wide, 2 at a time.",
                "Launcher tuning made 3 runs");
        assertThat(Files.readAllLines(project.resolve("data/tuning_summary.csv"))).hasSize(4)
                .first().isEqualTo("run_id,state,factor,out,error");
    }

    @Test
    void aSweepWithFailedRunsPrintsTheSummaryThenExitsNonZeroNamingEachFailedSet() {
        RunsTestProject.FINISH_FAILS.set(true);

        Cli cli = RunsTestProject.sluice(project, services, "run", "-p", "etl", "--runner", "tuning");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(tableOf(cli.out()).get(0)).as("the out column even though no run returned it")
                .matches("run_id\\s+state\\s+factor\\s+out\\s+error");
        assertThat(tableOf(cli.out()).subList(1, 4)).allSatisfy(l -> assertThat(l).contains("failed", "finish refused"));
        assertThat(cli.err()).contains("Sweep 'tuning': 3 of 3 parameter sets failed:", "factor=1 (run ",
                "factor=2 (run ", "factor=3 (run ");
    }

    @Test
    void describeShowsTheSweepEntryWithItsGridAsWritten() {
        Cli cli = RunsTestProject.sluice(project, services, "runners", "describe", "tuning");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("\"launcher\" : \"sweep\"", "\"wraps\" : \"wide\"", "\"factor\" : [ 1, 2, 3 ]",
                "\"parallel\" : 2", "\"dataset\" : \"tuning_summary\"");
    }

    @Test
    void aSweepOverAParameterNothingReadsFailsBeforeAnyRunAtItsLine() throws Exception {
        Files.writeString(project.resolve("conf/base/runners.yml"), """
                tuning:
                  launcher: sweep
                  grid: {factr: [1, 2]}
                """);

        Cli cli = RunsTestProject.sluice(project, services, "run", "-p", "etl", "--runner", "tuning");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("runners.yml:3:10: launcher 'tuning' (sweep): parameter path 'factr'",
                "Did you mean 'factor'?");
        assertThat(cli.out()).doesNotContain("run_id");
    }
}
