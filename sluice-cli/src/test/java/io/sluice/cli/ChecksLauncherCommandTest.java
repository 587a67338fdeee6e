package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice run --runner NAME} where NAME is a {@code checks} launcher of runners.yml. */
class ChecksLauncherCommandTest {

    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
        RunsTestProject.FINISH_FAILS.set(false);
    }

    private Cli sluice(String runners, String... args) throws Exception {
        Files.writeString(project.resolve("conf/base/runners.yml"), runners);
        return RunsTestProject.sluice(project, services, args);
    }

    @Test
    void aRefusedRunExitsWithOneAndPrintsEveryFailedCheckAndRunsNothing() throws Exception {
        Cli cli = sluice("""
                guarded:
                  launcher: checks
                  wraps: sequential
                  before:
                    - git_clean: true
                    - command: [sh, -c, 'echo schema drift in raw >&2; exit 3']
                    - datasets_exist: [p2]
                """, "run", "-p", "etl", "--runner", "guarded");

        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(1);
        assertThat(cli.err()).contains("Error: Launcher 'guarded' refused to run: 3 of 3 checks failed. Nothing ran.",
                "git_clean: the project directory " + project + " is not in a git repository",
                "command: [sh, -c, echo schema drift in raw >&2; exit 3] exited with 3",
                "schema drift in raw",
                "datasets_exist: 'p2' does not exist",
                "Fix: ");
        assertThat(project.resolve("data/out.json")).doesNotExist();
        assertThat(new JournalStore(project).list()).isEmpty();
    }

    @Test
    void passingChecksRunThePipelineAndTheAfterCommandGetsTheOutcome() throws Exception {
        Cli cli = sluice("""
                guarded:
                  launcher: checks
                  before: [{command: [sh, -c, 'test -f data/raw.json']}]
                  after:
                    - command: [sh, -c, 'echo "$SLUICE_RUN_STATE $SLUICE_PIPELINE $SLUICE_ENV $SLUICE_RUN_ID" > after.txt']
                """, "run", "-p", "etl", "--runner", "guarded");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        RunJournal run = new JournalStore(project).list().get(0);
        assertThat(cli.out()).contains("Checks of guarded passed: command.", "Launcher guarded made 1 run");
        assertThat(Files.readAllLines(project.resolve("after.txt")))
                .isEqualTo(List.of("succeeded etl local " + run.runId()));
        assertThat(Files.readString(project.resolve("data/out.json")).strip()).isEqualTo("30");
    }

    @Test
    void aFailingAfterCommandExitsWithOneButLeavesTheRunSucceeded() throws Exception {
        Cli cli = sluice("""
                guarded:
                  launcher: checks
                  after: [{command: [sh, -c, 'echo chat is down; exit 9']}]
                """, "run", "-p", "etl", "--runner", "guarded");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("succeeded, but 1 after-action failed", "exited with 9", "chat is down");
        assertThat(new JournalStore(project).list().get(0).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(project.resolve("data/out.json")).exists();
    }
}
