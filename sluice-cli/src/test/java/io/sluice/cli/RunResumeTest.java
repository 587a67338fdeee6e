package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.GroupBy;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run --resume RUN_ID}: resuming real runs of {@link RunsTestProject}, and each bad input. */
class RunResumeTest {
    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
    }

    @AfterEach
    void reset() {
        RunsTestProject.FINISH_FAILS.set(false);
        RunsTestProject.AUDITED.set(false);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    private void failedRun(String runId) {
        RunsTestProject.FINISH_FAILS.set(true);
        try {
            Cli cli = sluice("run", "-p", "etl", "--run-id", runId, "--params", "factor=3");
            assertThat(cli.exitCode()).as(cli.out()).isEqualTo(1);
        } finally {
            RunsTestProject.FINISH_FAILS.set(false);
        }
    }

    /** Rewrites the journal of {@code runId} as a run that never recorded its end, written by process {@code pid}. */
    private void withoutEnd(String runId, String pid) throws IOException {
        Path part = new JournalStore(project).partFile(runId, RunJournal.WHOLE_RUN);
        List<String> lines = Files.readAllLines(part).stream()
                .filter(l -> !l.contains("\"event\":\"finished\"") && !l.contains("\"name\":\"finish\""))
                .map(l -> l.replaceFirst("\"pid\":\\d+", "\"pid\":" + pid))
                .toList();
        Files.write(part, lines);
    }

    @Test
    void aFailedRunResumesUnderItsRunIdWithItsRecordedParams() {
        failedRun("r-1");

        Cli cli = sluice("run", "--resume", "r-1");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Run r-1 of pipeline etl resumed (attempt 2) and succeeded: 1 nodes ran, "
                + "2 completed before were skipped");
        assertThat(project.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("9"); // factor=3, recorded
        RunJournal journal = new JournalStore(project).read("r-1").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts().get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aRunResumesWithTheConfigSourceItRanWithAndRefusesOtherOverrides(@TempDir Path alt) throws IOException {
        Files.createDirectories(alt.resolve("base"));
        Files.writeString(alt.resolve("base/catalog.yml"), Files.readString(project.resolve("conf/base/catalog.yml"))
                .replace("data/out.json", "data/alt-out.json"));
        Files.writeString(alt.resolve("base/parameters.yml"), "factor: 5\n");
        RunsTestProject.FINISH_FAILS.set(true);
        try {
            Cli failed = sluice("--conf-source", alt.toString(), "run", "-p", "etl", "--run-id", "r-alt");
            assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
        } finally {
            RunsTestProject.FINISH_FAILS.set(false);
        }

        Cli otherOverrides = sluice("--conf-json", "{\"parameters\": {\"factor\": 7}}", "run", "--resume", "r-alt");

        assertThat(otherOverrides.exitCode()).isNotZero();
        assertThat(otherOverrides.err()).contains("Run r-alt read --conf-source " + alt.toRealPath() + " without --conf-json,"
                + " but this session reads --conf-source " + alt.toRealPath() + " with --conf-json overrides (sha256:");
        assertThat(project.resolve("data/alt-out.json")).doesNotExist();

        Cli resumed = sluice("run", "--resume", "r-alt");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.resolve("data/alt-out.json")).content().isEqualToIgnoringWhitespace("15"); // 3 × factor 5
        assertThat(project.resolve("data/out.json")).doesNotExist();
    }

    /** A run of group {@code load} of etl grouped by branch (one group: load, persist, finish) whose finish fails. */
    private void failedGroupRun(String runId) {
        RunsTestProject.FINISH_FAILS.set(true);
        try {
            Cli cli = sluice("run", "-p", "etl", "--group", "load", "--group-by", "branch", "--run-id", runId,
                    "--params", "factor=3");
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(1);
        } finally {
            RunsTestProject.FINISH_FAILS.set(false);
        }
    }

    @Test
    void aGroupRunResumesGroupedAsItRanAndAnotherGroupingIsRefused() {
        failedGroupRun("r-g1");
        assertThat(new JournalStore(project).read("r-g1").orElseThrow().parts().get(0).spec().groupBy())
                .isEqualTo(GroupBy.of("branch"));

        Cli other = sluice("run", "--resume", "r-g1", "--group-by", "persistence-cuts");

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("--resume r-g1 --group-by persistence-cuts: run r-g1 grouped its nodes by "
                + "--group-by branch, as its journal records (group load)", "Drop --group-by");

        // without --group-by: the journal's grouping (branch: finish is in group load, as it ran), not the
        // deploy config's (memory-components would put finish in a group of its own)
        Cli resumed = sluice("run", "--resume", "r-g1");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).startsWith("Run r-g1 of pipeline etl resumed (attempt 2) and succeeded: 1 nodes "
                + "ran, 2 completed before were skipped");
        assertThat(project.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("9");
        RunJournal journal = new JournalStore(project).read("r-g1").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).singleElement().satisfies(p -> {
            assertThat(p.group()).isEqualTo("load");
            assertThat(p.attempt()).isEqualTo(2);
            assertThat(p.spec().groupBy()).isEqualTo(GroupBy.of("branch"));
        });

        failedGroupRun("r-g2");
        Cli same = sluice("run", "--resume", "r-g2", "--group-by", "branch"); // the recorded grouping: accepted
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("Run r-g2 of pipeline etl resumed (attempt 2) and succeeded");
        failedRun("r-whole");
        Cli whole = sluice("run", "--resume", "r-whole", "--group-by", "branch");
        assertThat(whole.exitCode()).isEqualTo(2);
        assertThat(whole.err()).contains("run r-whole ran whole, not by groups. Drop --group-by.");
    }

    @Test
    void runsShowOffersTheResumeOfAKilledRun() throws IOException {
        failedRun("r-killed");
        withoutEnd("r-killed", "999999999");

        Cli show = sluice("runs", "show", "r-killed");

        assertThat(show.out()).startsWith("Run r-killed of pipeline etl: interrupted")
                .endsWith("To resume the run: sluice run --resume r-killed" + System.lineSeparator());
        Cli resumed = sluice("run", "--resume", "r-killed");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(project.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("9");
    }

    @Test
    void anUnknownRunIdListsTheNewestRunsAndTheClosest() {
        failedRun("nightly-1");

        Cli cli = sluice("run", "--resume", "nightly-2");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("No run 'nightly-2' in ", "Did you mean 'nightly-1'?",
                "The newest runs: nightly-1 (sluice runs list shows them all)");
    }

    @Test
    void aRunIdThatIsNoSafeNameIsAUsageError() {
        Cli cli = sluice("run", "--resume", "../x");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--resume: '../x' is not a run id");
    }

    @Test
    void aRunThatSucceededHasNothingToResume() {
        Cli ran = sluice("run", "-p", "etl", "--run-id", "r-ok");
        assertThat(ran.exitCode()).as(ran.err()).isZero();

        Cli cli = sluice("run", "--resume", "r-ok");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Run r-ok succeeded: there is nothing to resume.",
                "start a new run without --resume");
    }

    @Test
    void aRunStillRunningInALiveProcessIsRefused() throws IOException {
        failedRun("r-live");
        withoutEnd("r-live", String.valueOf(ProcessHandle.current().pid())); // this process wrote it, and lives

        Cli cli = sluice("run", "--resume", "r-live");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("Run r-live is still running (pid " + ProcessHandle.current().pid(),
                "Wait for it to end, or stop that process");
    }

    @Test
    void optionsThatShapeARunAreRefusedBesideResumeByName() {
        failedRun("r-1");

        Cli cli = sluice("run", "--resume", "r-1", "--pipeline", "etl", "--params", "factor=2", "--runner", "parallel",
                "--from-nodes", "finish", "--only-missing-outputs");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--resume runs r-1 as its journal recorded it, so it takes no --pipeline, "
                + "--from-nodes, --params, --runner, --only-missing-outputs: drop them, or start a new run without "
                + "--resume.");
        assertThat(sluice("run", "--resume", "r-1", "--spec", "{}").err()).contains("it takes no --spec: drop it");
        assertThat(sluice("run", "--resume", "r-1", "--run-id", "r-2").err()).contains("it takes no --run-id");
    }

    @Test
    void anotherEnvironmentThanTheRunsIsRefused() {
        failedRun("r-1");

        Cli cli = sluice("run", "--resume", "r-1", "--env", "prod");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--env prod contradicts run r-1, which ran in environment 'local'");
        assertThat(sluice("run", "--resume", "r-1", "--env", "local").exitCode()).isZero();
    }

    @Test
    void aPipelineChangedSinceTheRunIsRefusedNamingTheNodeUnlessForced() {
        failedRun("r-1");
        RunsTestProject.AUDITED.set(true);

        Cli refused = sluice("run", "--resume", "r-1");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Run r-1 cannot be resumed: the project's code changed pipeline 'etl'",
                " Added: audit.", "sluice run --resume r-1 --force");
        Cli forced = sluice("run", "--resume", "r-1", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("resumed (attempt 2) and succeeded: 2 nodes ran");
        assertThat(project.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("9");
    }

    @Test
    void forceWithoutResumeIsAUsageError() {
        Cli cli = sluice("run", "-p", "etl", "--force");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--force only goes with --resume RUN_ID");
    }
}
