package io.sluice.launch.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.journal.JournalStore;
import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.StopSignal;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerConfigException;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad sweep entry or request is refused, at its file:line, with the fix, before anything runs. */
class SweepConfigErrorsTest {

    @TempDir
    Path dir;

    private String compileError(String runners) {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(runners)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> LauncherCatalog.of(s));
            assertThat(thrown).isInstanceOf(RunnerConfigException.class);
            return thrown.getMessage();
        }
    }

    /** The error of launching {@code tuning}, which must come before any run. */
    private String launchError(String runners, RunSpec spec) {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session(runners)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> project.launch(s, spec,
                    Injected.NONE, new StopSignal()));
            assertThat(thrown).isInstanceOf(SluiceException.class);
            assertThat(new JournalStore(dir).list()).as("nothing ran").isEmpty();
            return thrown.getMessage();
        }
    }

    private String launchError(String runners) {
        return launchError(runners, RunSpec.builder().runner("tuning").build());
    }

    @Test
    void anEntryWithoutGridOrSetsSaysHowToWriteThem() {
        assertThat(compileError("tuning: {launcher: sweep, parallel: 2}\n"))
                .contains("runners.yml:1:1: launcher 'tuning' (sweep) has no parameter sets. Add 'grid: {model.alpha:");
    }

    @Test
    void anEmptyGridAndNonListOrEmptyValuesAreEachReportedAtTheirPlace() {
        assertThat(compileError("tuning: {launcher: sweep, grid: {}}\n"))
                .contains("runners.yml:1:33: launcher 'tuning' (sweep): 'grid' expects a mapping of dotted parameter "
                        + "path to a list of values", "got an empty one.");
        String both = compileError("""
                tuning:
                  launcher: sweep
                  grid:
                    model_options.test_size: 0.1
                    model_options.random_state: []
                """);
        assertThat(both).contains("runners.yml:4:30: launcher 'tuning' (sweep): grid path 'model_options.test_size' "
                        + "expects a non-empty list of values, got 0.1. Write its values as a list, e.g. "
                        + "'model_options.test_size: [0.1]'.")
                .contains("runners.yml:5:33: launcher 'tuning' (sweep): grid path 'model_options.random_state' "
                        + "expects a non-empty list of values, got an empty list.");
        assertThat(compileError("tuning: {launcher: sweep, grid: [a, b]}\n")).contains("got a list.");
    }

    @Test
    void badSetsMalformedDuplicatedAndNestedPathsAreRefused() {
        assertThat(compileError("tuning: {launcher: sweep, sets: {a: 1}}\n"))
                .contains("'sets' expects a list of mappings", "got a mapping.");
        assertThat(compileError("tuning: {launcher: sweep, sets: [{other: 1}, 3]}\n"))
                .contains("runners.yml:1:46: launcher 'tuning' (sweep): sets[1] expects a non-empty mapping");
        assertThat(compileError("tuning: {launcher: sweep, grid: {'a..b': [1]}}\n"))
                .contains("'a..b' in grid is not a dotted parameter path");
        assertThat(compileError("tuning: {launcher: sweep, sets: [{other: 1}], grid: {other: [2]}}\n"))
                .contains("parameter path 'other' is given twice (also at ", "runners.yml:1:35)");
        assertThat(compileError("""
                tuning:
                  launcher: sweep
                  grid: {model_options: [{test_size: 0.1}], model_options.random_state: [1]}
                """)).contains("runners.yml:3:45: launcher 'tuning' (sweep): parameter path "
                + "'model_options.random_state' lies inside 'model_options' (", "Sweep one of them");
    }

    @Test
    void parallelBelowOneAndAnUnknownKeyAreBindingErrorsAtTheirPlace() {
        assertThat(compileError("tuning: {launcher: sweep, grid: {other: [1]}, parallel: 0}\n"))
                .contains("runners.yml:1:57", "parallel must be an integer from 1 to 1024, got 0",
                        "Set how many runs go at a time, e.g. 'parallel: 4'.");
        assertThat(compileError("tuning: {launcher: sweep, grid: {other: [1]}, fail_fats: true}\n"))
                .contains("runners.yml:1:47", "unknown key 'fail_fats'", "Did you mean 'fail_fast'?");
        assertThat(compileError("tuning: {launcher: sweep, grid: {other: [1]}, summary: {output: [metrics]}}\n"))
                .contains("unknown key 'output'", "Did you mean 'outputs'?");
    }

    @Test
    void aParameterPathNoNodeReadsIsRefusedAtItsPlaceWithTheClosestBeforeAnyRun() {
        assertThat(launchError("""
                tuning:
                  launcher: sweep
                  grid:
                    model_options.test_siz: [0.1, 0.2]
                    model_options.random_state: [1]
                """)).contains("runners.yml:4:5: launcher 'tuning' (sweep): parameter path 'model_options.test_siz': "
                        + "Parameter override 'model_options.test_siz' is read by no node of pipeline '__default__'",
                "Did you mean 'model_options.test_size'?", "Nothing ran.")
                .doesNotContain("'model_options.random_state':");
    }

    @Test
    void unknownSummaryOutputsAndDatasetsAreRefusedWithTheClosestBeforeAnyRun() {
        String error = launchError("""
                tuning:
                  launcher: sweep
                  grid: {model_options.random_state: [1, 2]}
                  summary: {outputs: [metrcs], dataset: tuning_sumary}
                """);
        assertThat(error).contains("runners.yml:1:1: launcher 'tuning' (sweep): summary.outputs names 'metrcs', which "
                        + "pipeline '__default__' (as selected) does not produce. Did you mean 'metrics'? Its outputs: "
                        + "metrics, size_pct.")
                .contains("runners.yml:1:1: launcher 'tuning' (sweep): summary.dataset 'tuning_sumary' is not in the "
                        + "catalog. Did you mean 'tuning_summary'?");
    }

    @Test
    void aSummaryDatasetThePipelineUsesOrThatKeepsNothingIsRefused() {
        assertThat(launchError("""
                tuning:
                  launcher: sweep
                  grid: {model_options.random_state: [1, 2]}
                  summary: {dataset: metrics}
                """)).contains("summary.dataset 'metrics' is a dataset of pipeline '__default__' too");
    }

    @Test
    void aRunIdInTheRequestIsRefusedSinceEachRunHasItsOwn() {
        assertThat(launchError("tuning: {launcher: sweep, grid: {model_options.random_state: [1, 2]}}\n",
                RunSpec.builder().runner("tuning").runId("r-1").build()))
                .contains("makes one run per parameter set, each with its own run id, but the request names run id "
                        + "'r-1'. Leave --run-id out.");
    }

    @Test
    void aSummaryDatasetThatCannotSaveATableSaysWhichTypesCan() {
        SweepProject project = new SweepProject(dir);
        try (Session s = project.session("""
                tuning:
                  launcher: sweep
                  grid: {model_options.random_state: [1]}
                  summary: {outputs: [metrics], dataset: notes}
                """, "notes: {type: text, filepath: data/notes.txt}\n")) {
            assertThatThrownBy(() -> project.launch(s, "tuning"))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("summary dataset 'notes' (type text")
                    .hasMessageContaining("cannot save a table (a list of rows)")
                    .hasMessageContaining("Use a csv, json or parquet dataset.");
            assertThat(project.table()).as("the table was printed first").hasSize(2);
        }
    }
}
