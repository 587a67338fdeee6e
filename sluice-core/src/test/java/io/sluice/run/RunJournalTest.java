package io.sluice.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the parts of a run merge into one view. */
class RunJournalTest {

    private static RunJournal.Part part(String group, RunState state, String startedAt, String finishedAt,
                                        String error) {
        return new RunJournal.Part(group, RunSpec.builder("etl").runId("r").group(group).build(), "sequential", null,
                "hash", "host", 1, 1, startedAt, finishedAt, state, error,
                List.of(new RunJournal.NodeRecord(group + "_node", NodeState.COMPLETED, startedAt, 1, null)),
                Map.of(group + "_ds", "r"), null);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "SUCCEEDED, SUCCEEDED, SUCCEEDED",
            "SUCCEEDED, RUNNING, RUNNING",
            "RUNNING, INTERRUPTED, INTERRUPTED",
            "INTERRUPTED, CANCELLED, CANCELLED",
            "CANCELLED, FAILED, FAILED",
            "FAILED, SUCCEEDED, FAILED",
    })
    void theRunsStateIsTheMostTellingStateOfItsParts(RunState a, RunState b, RunState merged) {
        RunJournal journal = RunJournal.merge("r", List.of(
                part("g1", a, "2026-01-01T00:00:01Z", a.isFinal() ? "2026-01-01T00:00:02Z" : null, null),
                part("g2", b, "2026-01-01T00:00:03Z", b.isFinal() ? "2026-01-01T00:00:04Z" : null, null)));

        assertThat(journal.state()).isEqualTo(merged);
    }

    @Test
    void startAndEndAreTheEarliestAndLatestAsTimesNotAsText() {
        // as text, "00Z" sorts after "00.250Z" although it is earlier
        RunJournal journal = RunJournal.merge("r", List.of(
                part("late", RunState.SUCCEEDED, "2026-01-01T00:00:00.250Z", "2026-01-01T00:00:01Z", null),
                part("early", RunState.SUCCEEDED, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.900Z", null)));

        assertThat(journal.startedAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(journal.finishedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(journal.parts()).extracting(RunJournal.Part::group).containsExactly("early", "late");
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name).containsExactly("early_node", "late_node");
        assertThat(journal.datasetVersions()).containsOnlyKeys("early_ds", "late_ds");
    }

    @Test
    void partsStartedAtTheSameTimeAreOrderedByGroupAndPartsWithoutAStartComeFirst() {
        RunJournal journal = RunJournal.merge("r", List.of(
                part("b", RunState.SUCCEEDED, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", null),
                part("c", RunState.SUCCEEDED, null, null, null),
                part("a", RunState.SUCCEEDED, "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:01Z", null)));

        assertThat(journal.parts()).extracting(RunJournal.Part::group).containsExactly("c", "a", "b");
    }

    @Test
    void configsUsedAreEqualByTheirSourceAndOverrides() {
        assertThat(new RunJournal.ConfigUsed(null, null)).isEqualTo(RunJournal.ConfigUsed.PROJECT)
                .hasSameHashCodeAs(RunJournal.ConfigUsed.PROJECT);
        assertThat(new RunJournal.ConfigUsed("s.tar.gz", "sha256:1")).isEqualTo(
                new RunJournal.ConfigUsed("s.tar.gz", "sha256:1"));
        assertThat(new RunJournal.ConfigUsed("s.tar.gz", null)).isNotEqualTo(RunJournal.ConfigUsed.PROJECT)
                .isNotEqualTo(new RunJournal.ConfigUsed(null, "s.tar.gz"));
        assertThat(new RunJournal.ConfigUsed(null, "sha256:1")).isNotEqualTo(RunJournal.ConfigUsed.PROJECT);
    }

    @Test
    void aRunWithAPartStillGoingOrInterruptedHasNoEnd() {
        RunJournal running = RunJournal.merge("r", List.of(
                part("g1", RunState.SUCCEEDED, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", null),
                part("g2", RunState.RUNNING, "2026-01-01T00:00:00Z", null, null)));

        assertThat(running.finishedAt()).isNull();
        assertThat(running.pipeline()).isEqualTo("etl");
    }

    @Test
    void theErrorIsThatOfTheFirstPartToFailAndResumeThatOfTheFirstPartOfferingOne() {
        RunSpec resume = RunSpec.builder("etl").fromNodes("x").build();
        List<RunJournal.Part> parts = new ArrayList<>(List.of(
                part("b", RunState.FAILED, "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z", "second"),
                part("a", RunState.FAILED, "2026-01-01T00:00:01Z", "2026-01-01T00:00:03Z", "first")));
        RunJournal.Part withResume = parts.get(0);
        parts.set(0, new RunJournal.Part(withResume.group(), withResume.spec(), withResume.runner(), null, "hash",
                "host", 1, 1, withResume.startedAt(), withResume.finishedAt(), RunState.FAILED, "second",
                withResume.nodes(), withResume.datasetVersions(), resume));

        RunJournal journal = RunJournal.merge("r", parts);

        assertThat(journal.error()).isEqualTo("first");
        assertThat(journal.resume()).isEqualTo(resume);
    }

    @Test
    void timeOrderComparesInstantsAsTimesNullsFirstAndOtherTextAsText() {
        List<String> times = new ArrayList<>(List.of("2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00Z",
                "2025-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00.100Z"));
        times.add(null);

        times.sort(RunJournal.TIME_ORDER);

        assertThat(times).containsExactly(null, "2025-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00.100Z");
        assertThat(RunJournal.TIME_ORDER.compare("b", "a")).isPositive();
    }
}
