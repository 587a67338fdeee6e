package io.sluice.launch.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSummaryTest {

    record Scores(double r2, int n) {
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static RunOutcome ok(int index, Map<String, Object> params, Map<String, Object> outputs) {
        return new RunOutcome(new ParamSet(index, params), RunOutcome.State.SUCCEEDED, "r" + index, outputs, null,
                null);
    }

    @Test
    void recordsAndNestedMapsBecomeDottedColumnsAndEveryRowHasEveryColumn() {
        SweepSummary s = SweepSummary.of(List.of("model", "seed"), List.of("metrics", "scores"), List.of(
                ok(0, ordered("model", ordered("kind", "sgd", "depth", 3), "seed", 1),
                        ordered("metrics", ordered("r2", 0.5, "by", ordered("a", 1)), "scores", new Scores(0.9, 4))),
                RunOutcome.failed(new ParamSet(1, ordered("seed", 2)), "r1", "boom\n  at line 2")));

        assertThat(s.columns()).containsExactly("run_id", "state", "model.kind", "model.depth", "seed",
                "metrics.r2", "metrics.by.a", "scores.r2", "scores.n", "error");
        assertThat(s.rows().get(1)).containsEntry("state", "failed").containsEntry("model.kind", null)
                .containsEntry("metrics.r2", null).containsEntry("error", "boom at line 2")
                .containsOnlyKeys(s.columns());
    }

    @Test
    void aParameterOrOutputNamedLikeTheTablesOwnColumnsIsPrefixed() {
        SweepSummary s = SweepSummary.of(List.of("state"), List.of("error"),
                List.of(ok(0, ordered("state", "CA"), ordered("error", 0.25))));

        assertThat(s.columns()).containsExactly("run_id", "state", "params.state", "outputs.error", "error");
        assertThat(s.rows().get(0)).containsEntry("state", "succeeded").containsEntry("params.state", "CA")
                .containsEntry("outputs.error", 0.25).containsEntry("error", null);
    }

    @Test
    void thePrintedTableIsAlignedWithEmptyCellsForNulls() {
        SweepSummary s = SweepSummary.of(List.of("alpha"), List.of("score"), List.of(
                ok(0, ordered("alpha", 0.001), ordered("score", 12)),
                RunOutcome.skipped(new ParamSet(1, ordered("alpha", 10)), "not run")));
        StringWriter out = new StringWriter();

        s.print(new PrintWriter(out));

        assertThat(out.toString().lines().toList()).containsExactly(
                "run_id  state      alpha  score  error",
                "r0      succeeded  0.001  12",
                "        skipped    10            not run");
    }
}
