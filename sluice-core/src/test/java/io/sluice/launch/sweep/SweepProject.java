package io.sluice.launch.sweep;

import static io.sluice.pipeline.Node.node;

import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.StopSignal;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.session.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project of the sweep tests:
 * <pre>
 *   params:model_options.test_size -prepare-> size_pct -train(params:model_options.random_state)-> metrics
 * </pre>
 * {@code metrics} is {@code {score: random_state * 1000 + size_pct, size_pct}}; {@code train}
 * fails for random_state 13. {@code metrics} is persisted (json) unless the catalog says otherwise.
 */
final class SweepProject {
    static final String PARAMETERS = """
            model_options:
              test_size: 0.2
              random_state: 3
            other: 1
            """;
    static final String CATALOG = """
            metrics: {type: json, filepath: data/metrics.json}
            tuning_summary: {type: csv, filepath: data/08_reporting/tuning_summary.csv}
            """;

    final Path dir;
    final StringWriter printed = new StringWriter();

    SweepProject(Path dir) {
        this.dir = dir;
    }

    static int prepare(double testSize) {
        return (int) Math.round(testSize * 100);
    }

    static Map<String, Object> train(int sizePct, int randomState) {
        if (randomState == 13) {
            throw new IllegalStateException("random_state 13 is unlucky");
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("score", randomState * 1000 + sizePct);
        metrics.put("size_pct", sizePct);
        return metrics;
    }

    static Pipeline pipeline() {
        return Pipeline.of(
                node(SweepProject::prepare).inputs("params:model_options.test_size").outputs("size_pct")
                        .name("prepare"),
                node(SweepProject::train).inputs("size_pct", "params:model_options.random_state")
                        .outputs("metrics").name("train"));
    }

    Session session(String runners) {
        return session(runners, CATALOG);
    }

    Session session(String runners, String catalog) {
        TestProject.write(dir, Map.of("conf/base/runners.yml", runners, "conf/base/parameters.yml", PARAMETERS,
                "conf/base/catalog.yml", catalog));
        return Session.compile(TestProject.of(pipeline()), new SessionOptions(dir, "local", Map.of()));
    }

    List<RunResult> launch(Session s, String runner) throws Exception {
        return launch(s, RunSpec.builder(RunSpec.DEFAULT_PIPELINE).runner(runner).build(), Injected.NONE,
                new StopSignal());
    }

    List<RunResult> launch(Session s, RunSpec spec, Injected injected, StopSignal stop) throws Exception {
        return LauncherCatalog.of(s).launch(s, spec, injected, new PrintWriter(printed, true), stop);
    }

    /** The printed summary table: the lines from its header to the last row. */
    List<String> table() {
        List<String> lines = printed.toString().lines().toList();
        int header = 0;
        while (!lines.get(header).startsWith("run_id")) {
            header++;
        }
        int end = header + 1;
        while (end < lines.size() && lines.get(end).matches("^\\S*\\s+(succeeded|failed|skipped)\\b.*")) {
            end++;
        }
        return lines.subList(header, end);
    }
}
