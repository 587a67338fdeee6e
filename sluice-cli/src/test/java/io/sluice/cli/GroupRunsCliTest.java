package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run across many processes: {@link FlightsGroupsProject} split into its memory-connected
 * groups, each group run as its own JVM by the {@code process} launcher under one run id, leaves
 * the bytes of a run in one process; {@code sluice runs show} reports one run with every group.
 */
class GroupRunsCliTest {
    private static final String RUN = "r-groups";

    @TempDir
    Path grouped;
    @TempDir
    Path single;
    @TempDir
    Path services;

    /** runners.yml of the grouped project: the process launcher starting this test's class path. */
    private void processLauncher(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ObjectMapper json = new ObjectMapper();
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dsluice.project.classpath=" + services, "-cp", System.getProperty("java.class.path"),
                "io.sluice.cli.SluiceMain");
        Files.writeString(dir.resolve("conf/base/runners.yml"), "by_process:\n  launcher: process\n"
                + "  max_parallel: 2\n  grace: 5s\n  command: " + json.writeValueAsString(command) + "\n");
    }

    @Test
    void everyGroupInItsOwnProcessLeavesTheBytesOfASingleProcessRunAndOneRunInTheJournal() throws Exception {
        FlightsGroupsProject.write(grouped, services);
        FlightsGroupsProject.write(single, services);
        processLauncher(grouped);

        Cli launched = RunsTestProject.sluice(grouped, services, "run", "-p", "flights", "--runner", "by_process",
                "--run-id", RUN);
        assertThat(launched.exitCode()).as(launched.out() + launched.err()).isZero();
        assertThat(launched.out()).contains("in 4 groups (memory-components), 2 at a time")
                .contains("[data_processing.preprocess] Run " + RUN + " of pipeline flights succeeded: 2 of 2")
                .contains("Run " + RUN + ": all 4 groups succeeded.");
        Cli whole = RunsTestProject.sluice(single, services, "run", "-p", "flights", "--run-id", RUN);
        assertThat(whole.exitCode()).as(whole.err()).isZero();

        SameData.assertSame(single.resolve("data"), grouped.resolve("data"),
                "03_primary/model_input_table.parquet", "06_models/regressor.bin/" + RUN + "/regressor.bin",
                "08_reporting/metrics.json/" + RUN + "/metrics.json", "08_reporting/report.json");

        RunJournal run = new JournalStore(grouped).read(RUN).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.parts()).hasSize(4).allSatisfy(p -> assertThat(p.state()).isEqualTo(RunState.SUCCEEDED));
        assertThat(run.parts()).extracting(RunJournal.Part::pid).doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid());
        assertThat(run.missingGroups()).isEmpty();
        assertThat(run.nodes()).hasSize(7);
        Cli show = RunsTestProject.sluice(grouped, services, "runs", "show", RUN);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Run " + RUN + " of pipeline flights: succeeded")
                .contains("Groups: 4 of 4 run").contains("Part data_processing.preprocess: succeeded")
                .contains("reporting.report");
    }

    @Test
    void aFailedGroupStopsItsDependentsAndTheLaunchSaysHowToResume() throws Exception {
        FlightsGroupsProject.write(grouped, services);
        processLauncher(grouped);
        Cli launched = RunsTestProject.sluice(grouped, services, "run", "-p", "flights", "--runner", "by_process",
                "--run-id", RUN, "--params", "fail=true");
        assertThat(launched.exitCode()).isEqualTo(1);
        assertThat(launched.err()).contains("of run " + RUN + " (pipeline flights) failed with exit code 1")
                .contains("not started: reporting.report").contains("sluice run --resume " + RUN);
        assertThat(launched.out()).contains("evaluation refused");
        RunJournal run = new JournalStore(grouped).read(RUN).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.missingGroups()).containsExactly("reporting.report");
        Cli show = RunsTestProject.sluice(grouped, services, "runs", "show", RUN);
        assertThat(show.out()).contains("Groups: 3 of 4 run; not run yet: reporting.report");

        // launching again under the same run id runs the groups that did not succeed, and only those
        Cli again = RunsTestProject.sluice(grouped, services, "run", "-p", "flights", "--runner", "by_process",
                "--run-id", RUN);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("already succeeded: data_processing.preprocess")
                .doesNotContain("Starting group data_processing.preprocess.");
        assertThat(new JournalStore(grouped).read(RUN).orElseThrow().state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aGroupRunOnTheCommandLineLogsItsIdsAndRefusesAnUnknownGroup() {
        FlightsGroupsProject.write(grouped, services);
        FlightsGroupsProject.LOGGED.clear();
        for (String g : List.of("data_processing.preprocess", "data_science.train_rows", "data_science.test_rows",
                "reporting.report")) {
            Cli cli = RunsTestProject.sluice(grouped, services, "run", "-p", "flights", "--group", g, "--run-id", RUN);
            assertThat(cli.exitCode()).as(g + ": " + cli.err()).isZero();
        }
        assertThat(FlightsGroupsProject.LOGGED).containsExactly(RUN + " flights reporting.report");
        Cli unknown = RunsTestProject.sluice(grouped, services, "run", "-p", "flights", "--group", "reporting",
                "--run-id", "r2");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Pipeline 'flights' has no group 'reporting'")
                .contains("Its groups: data_processing.preprocess, ");
    }
}
