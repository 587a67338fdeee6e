package io.sluice.viz;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spaceflights-like project for the viz tests: two namespaces, memory and persisted datasets,
 * parameters, named outputs and a tag.
 * <pre>
 *   companies -> data_processing.preprocess_companies -[data_processing.companies: memory]-┐
 *   shuttles  -> data_processing.preprocess_shuttles  -[data_processing.shuttles: memory]--┴-> create_model_input_table (+ reviews)
 *     -> model_input_table (json) -> data_science.split_data (params:model_options.test_size)
 *     -[data_science.X_train, data_science.X_test: memory]-> data_science.train_model (params:model_options.alpha)
 *     -> regressor (json) -> data_science.evaluate_model -> metrics (json)
 * </pre>
 * {@link #runs} leaves one succeeded and one failed run (a negative alpha) in the journal.
 */
public final class VizTestProject implements Project {

    /** The two outputs of split_data. */
    public record Split(List<Integer> train, List<Integer> test) {
    }

    static List<Integer> preprocessCompanies(List<Integer> companies) {
        return companies.stream().map(c -> c * 2).toList();
    }

    static List<Integer> preprocessShuttles(List<Integer> shuttles) {
        return shuttles.stream().map(s -> s + 1).toList();
    }

    static List<Integer> createModelInputTable(List<Integer> shuttles, List<Integer> companies,
                                               List<Integer> reviews) {
        List<Integer> rows = new ArrayList<>(shuttles);
        rows.addAll(companies);
        rows.addAll(reviews);
        return rows;
    }

    static Split splitData(List<Integer> table, double testSize) {
        int cut = (int) Math.round(table.size() * (1 - testSize));
        return new Split(table.subList(0, cut), table.subList(cut, table.size()));
    }

    static double trainModel(List<Integer> train, double alpha) {
        if (alpha <= 0) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        return train.stream().mapToInt(Integer::intValue).average().orElse(0) * alpha;
    }

    static Map<String, Double> evaluateModel(double regressor, List<Integer> test) {
        double err = test.stream().mapToDouble(t -> Math.abs(t - regressor)).average().orElse(0);
        return Map.of("mae", err);
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline dataProcessing = Pipeline.of(
                node(VizTestProject::preprocessCompanies).name("preprocess_companies").namespace("data_processing")
                        .inputs("companies").outputs("data_processing.companies"),
                node(VizTestProject::preprocessShuttles).name("preprocess_shuttles").namespace("data_processing")
                        .inputs("shuttles").outputs("data_processing.shuttles"),
                node(VizTestProject::createModelInputTable).name("create_model_input_table")
                        .inputs("data_processing.shuttles", "data_processing.companies", "reviews")
                        .outputs("model_input_table"));
        Map<String, String> split = new LinkedHashMap<>();
        split.put("train", "data_science.X_train");
        split.put("test", "data_science.X_test");
        Pipeline dataScience = Pipeline.of(
                node(VizTestProject::splitData).name("split_data").namespace("data_science")
                        .inputs("model_input_table", "params:model_options.test_size").outputs(split),
                node(VizTestProject::trainModel).name("train_model").namespace("data_science")
                        .inputs("data_science.X_train", "params:model_options.alpha").outputs("regressor")
                        .tags("training"),
                node(VizTestProject::evaluateModel).name("evaluate_model").namespace("data_science")
                        .inputs("regressor", "data_science.X_test").outputs("metrics").tags("reporting"));
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        pipelines.put("data_processing", dataProcessing);
        pipelines.put("data_science", dataScience);
        pipelines.put(DEFAULT_PIPELINE, dataProcessing.plus(dataScience));
        return pipelines;
    }

    /** Writes the project's configuration and raw data into {@code dir}. */
    static void write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                    companies:
                      type: json
                      filepath: data/companies.json
                    shuttles:
                      type: json
                      filepath: data/shuttles.json
                    reviews:
                      type: json
                      filepath: data/reviews.json
                    model_input_table:
                      type: json
                      filepath: data/model_input_table.json
                    regressor:
                      type: json
                      filepath: data/regressor.json
                    metrics:
                      type: json
                      filepath: data/metrics.json
                    """);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), """
                    model_options:
                      test_size: 0.25
                      alpha: 0.5
                    """);
            Files.writeString(dir.resolve("data/companies.json"), "[1, 2, 3]");
            Files.writeString(dir.resolve("data/shuttles.json"), "[4, 5, 6]");
            Files.writeString(dir.resolve("data/reviews.json"), "[7, 8]");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Session open(Path dir) {
        return Session.compile(new VizTestProject(), SessionOptions.of(dir));
    }

    /** Runs the default pipeline twice: {@code r-ok} succeeds, {@code r-failed} fails in train_model. */
    static void runs(Session session) {
        session.run(RunSpec.builder(DEFAULT_PIPELINE).runId("r-ok").build());
        try {
            session.run(RunSpec.builder(DEFAULT_PIPELINE).runId("r-failed").param("model_options.alpha", -1.0)
                    .build());
        } catch (RuntimeException expected) {
            // the failed run's journal is what the runs view shows
        }
    }
}
