package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice runs list} and {@code sluice runs show}, over journals written by real runs. */
class RunsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    private void run(String runId) {
        Cli cli = sluice("run", "-p", "etl", "--run-id", runId);
        assertThat(cli.exitCode()).as(cli.err()).isZero();
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

    @Test
    void listWithoutRunsSaysHowRunsAreRecorded() {
        Cli cli = sluice("runs", "list");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("No runs yet: sluice run writes a journal for every run under .sluice/runs."
                + System.lineSeparator());
        assertThat(sluice("runs", "list", "--format", "json").out().trim()).isEqualTo("[]");
    }

    @Test
    void listPrintsATableOfRunsNewestFirst() {
        run("r-1");
        failedRun("r-2");
        run("r-3");

        Cli cli = sluice("runs", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("  RUN ID +PIPELINE +STATE +STARTED +DURATION +NODES");
        assertThat(lines.get(1)).matches("  r-3 +etl +succeeded +\\d{4}-\\d\\d-\\d\\dT\\S+Z +\\d+\\.\\d\\d s +3/3");
        assertThat(lines.get(2)).matches("  r-2 +etl +failed +\\S+ +\\d+\\.\\d\\d s +2/3");
        assertThat(lines.get(3)).startsWith("  r-1 ");
    }

    @Test
    void listAsJsonIsAnArrayOfRunsNewestFirstCutByLimit() throws Exception {
        run("r-1");
        run("r-2");
        failedRun("r-3");

        JsonNode all = JSON.readTree(sluice("runs", "list", "--format", "json").out());
        JsonNode newest = JSON.readTree(sluice("runs", "list", "--format", "json", "--limit", "2").out());

        assertThat(all.isArray()).isTrue();
        assertThat(ids(all)).containsExactly("r-3", "r-2", "r-1");
        assertThat(ids(newest)).containsExactly("r-3", "r-2");
        assertThat(all.get(0).path("state").asText()).isEqualTo("failed");
        assertThat(all.get(0).path("parts").get(0).path("nodes").size()).isEqualTo(3);
        assertThat(ids(JSON.readTree(sluice("runs", "list", "--format", "json", "-n", "0").out()))).hasSize(3);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(r -> ids.add(r.path("run_id").asText()));
        return ids;
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        Cli cli = sluice("runs", "list", "--limit", "-1");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: --limit must be 0 or more, got -1");
    }

    @Test
    void showPrintsTheRunItsNodesAndTheCommandThatResumesAFailedRun() {
        failedRun("r-failed");

        Cli cli = sluice("runs", "show", "r-failed");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Run r-failed of pipeline etl: failed" + System.lineSeparator());
        assertThat(cli.out()).containsPattern("Part run: failed; env local, runner sequential, pid \\d+ on \\S+");
        assertThat(cli.out()).contains("  params factor=3", "Error: Node 'finish' failed (inputs: p2, params:factor): "
                + "IllegalStateException: finish refused 3");
        assertThat(cli.out()).containsPattern("(?m)^  NODE +STATE +STARTED +DURATION$")
                .containsPattern("(?m)^  load +completed +\\S+ +\\d+\\.\\d ms$")
                .containsPattern("(?m)^  persist +completed ")
                .containsPattern("(?m)^  finish +failed ");
        assertThat(cli.out()).endsWith("To resume the run: sluice run --resume r-failed" + System.lineSeparator());
    }

    @Test
    void showOfASucceededRunOffersNoResume() {
        run("r-ok");

        Cli cli = sluice("runs", "show", "r-ok");

        assertThat(cli.out()).startsWith("Run r-ok of pipeline etl: succeeded").doesNotContain("To resume");
        assertThat(cli.out()).containsPattern("(?m)^  finish +completed ");
    }

    @Test
    void showOfAPartStillGoingWithoutAStructureHashSaysSoAndShowsTheGitCommit() throws Exception {
        java.nio.file.Files.createDirectories(project.resolve(".git"));
        java.nio.file.Files.writeString(project.resolve(".git/HEAD"), "0123456789abcdef0123456789abcdef01234567\n");
        io.sluice.journal.JournalStore store = new io.sluice.journal.JournalStore(project);
        store.open(io.sluice.run.RunSpec.builder("etl").runId("r-open").env("local").build(), "sequential", null,
                Map.of(), List.of("load"), java.time.Instant.parse("2026-01-01T00:00:00Z")).close();

        Cli cli = sluice("runs", "show", "r-open");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Run r-open of pipeline etl: running" + System.lineSeparator()
                + "Started 2026-01-01T00:00:00.000Z, not finished" + System.lineSeparator());
        assertThat(cli.out()).contains("  structure unknown, git 0123456789ab" + System.lineSeparator());
        assertThat(cli.out()).containsPattern("(?m)^  load +not_run *$");
    }

    @Test
    void showAsJsonIsTheMergedJournal() throws Exception {
        failedRun("r-json");

        JsonNode run = JSON.readTree(sluice("runs", "show", "r-json", "--format", "json").out());

        assertThat(run.path("run_id").asText()).isEqualTo("r-json");
        assertThat(run.path("state").asText()).isEqualTo("failed");
        JsonNode part = run.path("parts").get(0);
        assertThat(part.path("nodes").findValuesAsText("state")).containsExactly("completed", "completed", "failed");
        assertThat(part.path("resume").path("selection").path("from_nodes").get(0).asText()).isEqualTo("finish");
        assertThat(part.path("spec").path("params").path("factor").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownRunIdIsAnErrorListingTheNewestRuns() {
        run("r-1");
        run("r-2");

        Cli cli = sluice("runs", "show", "r-9");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).startsWith("Error: No run 'r-9' in " + project.resolve(".sluice/runs") + ". The newest: "
                + "r-2, r-1.");
    }

    @Test
    void anUnknownRunIdThatPrefixesRunsListsThem() {
        run("2026-a");
        run("2026-b");
        run("other");

        Cli cli = sluice("runs", "show", "2026");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains(". Runs starting so: ").contains("2026-a", "2026-b").doesNotContain("other");
    }

    @Test
    void anUnknownRunIdWithoutRunsSaysThereAreNone() {
        Cli cli = sluice("runs", "show", "r-1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("There are no runs yet.");
    }

    @Test
    void anArgumentThatIsNotARunIdIsAUsageError() {
        Cli cli = sluice("runs", "show", "../etc");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: '../etc' is not a run id: run ids are letters, digits and . _ : + - "
                + "(sluice runs list shows them).");
    }

    @Test
    void runsWithoutASubcommandIsAUsageError() {
        Cli cli = sluice("runs");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("Error: Missing subcommand: list, show or cancel.");
    }
}
