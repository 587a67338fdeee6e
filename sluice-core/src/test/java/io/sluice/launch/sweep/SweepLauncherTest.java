package io.sluice.launch.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.hooks.Hook;
import io.sluice.journal.JournalStore;
import io.sluice.launch.StopSignal;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLauncherTest {

    @TempDir
    Path dir;

    private static final String JSON_SUMMARY = """
            metrics: {type: json, filepath: data/metrics.json}
            tuning_summary: {type: json, filepath: data/08_reporting/tuning_summary.json}
            """;

    private static String sweep(String extra) {
        return """
                wide: {type: parallel, max_workers: 2}
                tuning:
                  launcher: sweep
                  wraps: wide
                  grid:
                    model_options.test_size: [0.1, 0.2, 0.3]
                    model_options.random_state: [1, 2, 3]
                  summary:
                    outputs: [metrics]
                    dataset: tuning_summary
                """ + extra;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> summary(Session s) {
        return (List<Map<String, Object>>) s.catalog().dataset("tuning_summary").load();
    }

    @Test
    void aSweepOverThreeByThreeParametersRunsEachSetOnceAndSummarisesThemInGridOrder() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(sweep(""), JSON_SUMMARY)) {
            List<RunResult> runs = project.launch(s, "tuning");

            assertThat(runs).hasSize(9);
            assertThat(runs).extracting(RunResult::runId).doesNotHaveDuplicates();
            List<Map<String, Object>> rows = summary(s);
            assertThat(rows).hasSize(9);
            assertThat(rows.get(0).keySet()).containsExactly("run_id", "state", "model_options.test_size",
                    "model_options.random_state", "metrics.score", "metrics.size_pct", "error");
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (double size : new double[] {0.1, 0.2, 0.3}) {
                for (int state : new int[] {1, 2, 3}) {
                    long pct = Math.round(size * 100);
                    expected.add("succeeded " + size + " " + state + " " + (state * 1000 + pct) + " " + pct + " null");
                }
            }
            for (Map<String, Object> row : rows) {
                actual.add(row.get("state") + " " + row.get("model_options.test_size") + " "
                        + row.get("model_options.random_state") + " " + row.get("metrics.score") + " "
                        + row.get("metrics.size_pct") + " " + row.get("error"));
            }
            assertThat(actual).as("grid order, the last key fastest, each run's own metrics").isEqualTo(expected);
            assertThat(rows).extracting(r -> r.get("run_id"))
                    .containsExactlyInAnyOrderElementsOf(runs.stream().map(RunResult::runId).toList());

            RunJournal journal = new JournalStore(dir).read((String) rows.get(5).get("run_id")).orElseThrow();
            assertThat(journal.parts().get(0).runner()).as("each run goes through the wrapped runner").isEqualTo("wide");
            assertThat(project.table()).hasSize(10);
            assertThat(project.table().get(0)).matches("run_id\\s+state\\s+model_options.test_size\\s+"
                    + "model_options.random_state\\s+metrics.score\\s+metrics.size_pct\\s+error");
            assertThat(project.table().get(6)).contains("succeeded").containsPattern("0\\.2\\s+3\\s+3020\\s+20$");
            assertThat(project.printed.toString()).contains("Sweep tuning: 9 parameter sets through wide, 1 at a time.",
                    "Summary saved to dataset 'tuning_summary'.");
        }
    }

    @Test
    void aParallelSweepOverAPersistedOutputGivesTheSameSummaryAsASequentialOne() throws Exception {
        List<List<Object>> sequential;
        SweepProject one = new SweepProject(dir.resolve("one"));
        try (Session s = one.session(sweep(""), JSON_SUMMARY)) {
            one.launch(s, "tuning");
            sequential = withoutRunIds(summary(s));
        }
        SweepProject three = new SweepProject(dir.resolve("three"));
        try (Session s = three.session(sweep("  parallel: 3\n"), JSON_SUMMARY)) {
            three.launch(s, "tuning");
            assertThat(withoutRunIds(summary(s))).as("each run's own returned metrics, not the shared file's")
                    .isEqualTo(sequential);
            assertThat(three.printed.toString()).contains("9 parameter sets through wide, 3 at a time.");
            assertThat(Files.readString(dir.resolve("three/data/metrics.json"))).as("the runs took turns writing it")
                    .containsPattern("\"score\"\\s*:\\s*\\d{4}");
        }
    }

    @Test
    void parallelRunsShareTheSessionAtTheSameTime() throws Exception {
        SweepProject project = new SweepProject(dir);
        CyclicBarrier three = new CyclicBarrier(3);
        Hook together = new Hook() {
            @Override
            public void beforePipelineRun(RunContext run, Pipeline pipeline) {
                try {
                    three.await(30, TimeUnit.SECONDS); // trips only if three runs are in progress at once
                } catch (Exception e) {
                    throw new IllegalStateException("three runs were not in progress together", e);
                }
            }
        };
        try (Session s = project.session(sweep("  parallel: 3\n"), "tuning_summary: {type: json, filepath: s.json}\n")) {
            List<RunResult> runs = project.launch(s, RunSpec.builder().runner("tuning").build(),
                    Injected.hook(together), new StopSignal());
            assertThat(runs).hasSize(9);
        }
    }

    @Test
    void aFailedSetIsARowWithItsErrorTheOthersRunAndTheLaunchFailsAfterTheSummary() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(sweep("").replace("[1, 2, 3]", "[1, 13, 3]"), JSON_SUMMARY)) {
            SweepFailedException e = catchThrowableOfType(() -> project.launch(s, "tuning"),
                    SweepFailedException.class);

            List<Map<String, Object>> rows = summary(s);
            assertThat(rows).extracting(r -> r.get("state")).containsExactly("succeeded", "failed", "succeeded",
                    "succeeded", "failed", "succeeded", "succeeded", "failed", "succeeded");
            Map<String, Object> failed = rows.get(4);
            assertThat(failed.get("error")).asString().contains("random_state 13 is unlucky");
            assertThat(failed.get("metrics.score")).isNull();
            assertThat(failed.get("run_id")).isNotNull();
            assertThat(new JournalStore(dir).read((String) failed.get("run_id")).orElseThrow().state().toString())
                    .isEqualToIgnoringCase("failed");
            assertThat(e.failures()).hasSize(3).extracting(f -> (Object) f.runId())
                    .containsExactly(rows.get(1).get("run_id"), rows.get(4).get("run_id"), rows.get(7).get("run_id"));
            assertThat(e.getMessage()).contains("Sweep 'tuning': 3 of 9 parameter sets failed:",
                    "model_options.test_size=0.2, model_options.random_state=13 (run " + failed.get("run_id") + ")");
            assertThat(project.table()).as("printed before the exception").hasSize(10);
        }
    }

    @Test
    void failFastLaunchesNoRunAfterTheFirstFailureAndSaysWhichWereSkipped() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(sweep("  fail_fast: true\n").replace("[1, 2, 3]", "[1, 13, 3]"),
                JSON_SUMMARY)) {
            SweepFailedException e = catchThrowableOfType(() -> project.launch(s, "tuning"),
                    SweepFailedException.class);

            List<Map<String, Object>> rows = summary(s);
            assertThat(rows).extracting(r -> r.get("state")).containsExactly("succeeded", "failed", "skipped",
                    "skipped", "skipped", "skipped", "skipped", "skipped", "skipped");
            assertThat(rows.get(2).get("error")).isEqualTo("not run: fail_fast after a failed run");
            assertThat(rows.get(2).get("model_options.test_size")).as("a skipped row keeps its parameters")
                    .isEqualTo(0.1);
            assertThat(e.getMessage()).contains("1 of 9 parameter sets failed, 7 not run (fail_fast)");
            assertThat(new JournalStore(dir).list()).hasSize(2);
        }
    }

    @Test
    void aStopSignalLaunchesNoNewRunWritesTheSummaryOfWhatRanAndEnds() throws Exception {
        SweepProject project = new SweepProject(dir);
        StopSignal stop = new StopSignal();
        Hook stopAfterTwo = new Hook() {
            private int ended;

            @Override
            public synchronized void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
                if (++ended == 2) {
                    stop.fire();
                }
            }
        };
        try (Session s = project.session(sweep(""), JSON_SUMMARY)) {
            List<RunResult> runs = project.launch(s, RunSpec.builder().runner("tuning").build(),
                    Injected.hook(stopAfterTwo), stop);

            assertThat(runs).hasSize(2);
            assertThat(summary(s)).extracting(r -> r.get("state")).containsExactly("succeeded", "succeeded",
                    "skipped", "skipped", "skipped", "skipped", "skipped", "skipped", "skipped");
            assertThat(summary(s).get(8).get("error")).isEqualTo("not run: the launch was asked to stop");
            assertThat(project.printed.toString()).contains("Sweep tuning stopped: 7 of 9 parameter sets not run.");
        }
    }

    @Test
    void aStopSignalDuringAParallelSweepLetsTheRunningRunsEndAndLaunchesNoOther() throws Exception {
        SweepProject project = new SweepProject(dir);
        StopSignal stop = new StopSignal();
        Hook stopAtFirstEnd = new Hook() {
            @Override
            public void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
                stop.fire();
            }
        };
        try (Session s = project.session(sweep("  parallel: 3\n"), JSON_SUMMARY)) {
            List<RunResult> runs = project.launch(s, RunSpec.builder().runner("tuning").build(),
                    Injected.hook(stopAtFirstEnd), stop);

            List<Object> states = summary(s).stream().map(r -> r.get("state")).toList();
            int ran = runs.size();
            assertThat(ran).as("the runs in progress when it fired, at most 'parallel'").isBetween(1, 3);
            assertThat(states.subList(0, ran)).as("launched in grid order").containsOnly("succeeded");
            assertThat(states.subList(ran, 9)).containsOnly("skipped");
        }
    }

    @Test
    void setsRunAsListedAndCrossTheGridSetsVaryingSlowest() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session("""
                tuning:
                  launcher: sweep
                  sets:
                    - {model_options.test_size: 0.1}
                    - {model_options.test_size: 0.5}
                  grid: {model_options.random_state: [7, 8]}
                  summary: {outputs: [metrics], dataset: tuning_summary}
                """, JSON_SUMMARY)) {
            project.launch(s, "tuning");

            assertThat(summary(s)).extracting(r -> r.get("metrics.score")).containsExactly(7010, 8010, 7050, 8050);
            assertThat(summary(s).get(0).keySet()).containsSubsequence("model_options.test_size",
                    "model_options.random_state");
        }
    }

    @Test
    void theRequestsOwnParamsAndOutputsAreKeptAndEachSetOverlaysThem() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session("""
                tuning:
                  launcher: sweep
                  grid: {model_options.random_state: [7, 8]}
                  summary: {outputs: [metrics]}
                """, JSON_SUMMARY)) {
            List<RunResult> runs = project.launch(s, RunSpec.builder().runner("tuning")
                    .param("model_options.test_size", 0.4).outputs("size_pct").build(), Injected.NONE,
                    new StopSignal());

            assertThat(runs).allSatisfy(r -> assertThat(r.outputs()).containsEntry("size_pct", 40)
                    .containsKey("metrics"));
            assertThat(runs).extracting(r -> (Object) ((Map<?, ?>) r.outputs().get("metrics")).get("score"))
                    .containsExactlyInAnyOrder(7040, 8040);
            assertThat(Files.exists(dir.resolve("data/08_reporting/tuning_summary.json")))
                    .as("without summary.dataset the table is only printed").isFalse();
            assertThat(project.table()).hasSize(3);
        }
    }

    @Test
    void theSummaryIsSavedToACsvDatasetWithEveryColumnAndReadsBack() throws Exception {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(sweep("").replace("[1, 2, 3]", "[1, 13]"))) { // the csv catalog
            catchThrowableOfType(() -> project.launch(s, "tuning"), SweepFailedException.class);

            Path csv = dir.resolve("data/08_reporting/tuning_summary.csv");
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).hasSize(7);
            assertThat(lines.get(0)).isEqualTo("run_id,state,model_options.test_size,model_options.random_state,"
                    + "metrics.score,metrics.size_pct,error");
            assertThat(lines.get(1)).matches("[^,]+,succeeded,0.1,1,1010,10,");
            assertThat(lines.get(2)).matches("[^,]+,failed,0.1,13,,,.*random_state 13 is unlucky.*");
            assertThat(summary(s)).extracting(r -> r.get("metrics.score"))
                    .containsExactly("1010", "", "1020", "", "1030", "");
            try (var files = Files.list(csv.getParent())) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")))
                        .as("written atomically: no temporary file left beside it").containsExactly("tuning_summary.csv");
            }
        }
    }

    private static List<List<Object>> withoutRunIds(List<Map<String, Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> values = new ArrayList<>(row.values());
            values.remove(0);
            out.add(values);
        }
        return out;
    }
}
