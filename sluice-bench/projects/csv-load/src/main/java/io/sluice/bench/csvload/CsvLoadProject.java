package io.sluice.bench.csvload;

import static io.sluice.pipeline.Node.node;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sluice side of {@code sluice-bench/paired-bench.sh}, run with {@code bin/sluice} as a user
 * would run a project.
 *
 * <ul>
 *   <li>{@code load} (the default): loads {@code rows} (the generated CSV file) into
 *       {@code List<Row>} and summarises it;</li>
 *   <li>{@code save}: loads {@code rows} and saves the same list to {@code rows_out}.</li>
 * </ul>
 *
 * <p>{@link DatasetTimer} prints how long each catalog load and save took.
 */
public final class CsvLoadProject implements Project {
    private final PrintStream out;

    /** The project as the CLI finds it: the timings go to standard output. */
    public CsvLoadProject() {
        this(System.out);
    }

    /** The timings go to {@code out}. */
    public CsvLoadProject(PrintStream out) {
        this.out = out;
    }

    /** The rows, unchanged: the node of the save pipeline. */
    public static List<Row> copy(List<Row> rows) {
        return rows;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        Pipeline load = Pipeline.of(node(Summary::of).name("summarise").inputs("rows").outputs("summary"));
        pipelines.put("load", load);
        pipelines.put("save", Pipeline.of(node(CsvLoadProject::copy).name("copy").inputs("rows").outputs("rows_out")));
        pipelines.put(DEFAULT_PIPELINE, load);
        return pipelines;
    }

    @Override
    public List<Hook> hooks() {
        return List.of(new DatasetTimer(out));
    }
}
