package io.sluice.examples.spaceflights;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Kedro's spaceflights tutorial on Sluice: predict the price of a shuttle trip from the shuttle,
 * its company and its reviews. Registered for the CLI in
 * {@code META-INF/services/io.sluice.project.Project}.
 *
 * <ul>
 *   <li>{@code data_processing}: parse the raw companies and shuttles, join them with the reviews
 *       into the model input table;</li>
 *   <li>{@code data_science}: split the table, train a linear regression, evaluate it;</li>
 *   <li>{@code price_prediction}: price requested shuttles with the trained model (a service:
 *       inject {@code shuttles_to_price}; not part of the default pipeline);</li>
 *   <li>{@code data_processing_sql}: the same model input table computed inside DuckDB (the
 *       {@code warehouse} engine) by SQL, kept there as {@code model_input_table_sql};</li>
 *   <li>{@code sql}: data_processing_sql and data_science, namespaced {@code sql} and reading
 *       {@code model_input_table_sql}: the model and metrics of the SQL variant
 *       ({@code sql.regressor}, {@code sql.metrics});</li>
 *   <li>{@code __default__}: data_processing and data_science.</li>
 * </ul>
 *
 * <p>Modules on the class path may add pipelines through {@link Variant} (e.g.
 * {@code examples/spaceflights-spark}: the model input table on Spark). This module knows none of
 * them, so its class path, and the start-up of its runs, stay lean.
 */
public final class SpaceflightsProject implements Project {

    /**
     * Pipelines another module adds to this project: listed in its
     * {@code META-INF/services/io.sluice.examples.spaceflights.SpaceflightsProject$Variant} and found
     * through {@link ServiceLoader} (only one {@link Project} may be on the class path, so a module
     * built on this one adds pipelines rather than declaring a project of its own). A name this
     * project already registers is an error.
     */
    public interface Variant {
        /** The pipelines to add, by name. */
        Map<String, Pipeline> pipelines();
    }

    /** Raw CSV files to the model input table. */
    public static Pipeline dataProcessing() {
        return Pipeline.of(
                node(DataProcessing::preprocessCompanies).name("preprocess_companies")
                        .inputs("companies").outputs("preprocessed_companies"),
                node(DataProcessing::preprocessShuttles).name("preprocess_shuttles")
                        .inputs("shuttles").outputs("preprocessed_shuttles"),
                node(DataProcessing::createModelInputTable).name("create_model_input_table")
                        .inputs("preprocessed_shuttles", "preprocessed_companies", "reviews")
                        .outputs("model_input_table"));
    }

    /**
     * The preprocessing of {@link #dataProcessing()}, then the model input table computed inside the
     * {@code warehouse} engine ({@link DataProcessingSql}) from the files the preprocessing wrote and
     * the raw reviews, kept in the database as {@code model_input_table_sql} (a {@code sql.TableRef}).
     */
    public static Pipeline dataProcessingSql() {
        return Pipeline.of(
                node(DataProcessing::preprocessCompanies).name("preprocess_companies")
                        .inputs("companies").outputs("preprocessed_companies"),
                node(DataProcessing::preprocessShuttles).name("preprocess_shuttles")
                        .inputs("shuttles").outputs("preprocessed_shuttles"),
                node(DataProcessingSql::createModelInputTable).name("create_model_input_table_sql")
                        .inputs("engine:warehouse", "params:model_input_files", "run:context",
                                "preprocessed_shuttles", "preprocessed_companies", "reviews")
                        .outputs("model_input_table_sql"));
    }

    /**
     * {@link #dataScience()} unchanged, on the SQL variant's table: namespace {@code sql} (so its
     * model and metrics are {@code sql.regressor} and {@code sql.metrics}, beside the Java
     * variant's), {@code model_input_table} mapped to {@code model_input_table_sql} and the same
     * {@code params:model_options}.
     */
    public static Pipeline dataScienceSql() {
        return Pipeline.pipeline(dataScience())
                .namespace("sql")
                .inputs(Map.of("model_input_table", "model_input_table_sql"))
                .parameters("model_options")
                .build();
    }

    /** The model input table to a trained regressor and its metrics. */
    public static Pipeline dataScience() {
        Map<String, String> splits = new LinkedHashMap<>();
        splits.put("xTrain", "X_train");
        splits.put("xTest", "X_test");
        splits.put("yTrain", "y_train");
        splits.put("yTest", "y_test");
        return Pipeline.of(
                node(DataScience::splitData).name("split_data")
                        .inputs("model_input_table", "params:model_options").outputs(splits),
                node(DataScience::trainModel).name("train_model")
                        .inputs("X_train", "y_train", "params:model_options").outputs("regressor"),
                node(DataScience::evaluateModel).name("evaluate_model")
                        .inputs("regressor", "X_test", "y_test").outputs("metrics"));
    }

    /**
     * Prices requested shuttles with the trained regressor: run it with {@code shuttles_to_price}
     * injected (embedded, or {@code sluice serve -p price_prediction}); the model is loaded once
     * per session.
     */
    public static Pipeline pricePrediction() {
        return Pipeline.of(
                node(PricePredictor::predictPrices).name("predict_prices")
                        .inputs("shuttles_to_price", "regressor", "params:model_options")
                        .outputs("price_predictions"));
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline dataProcessing = dataProcessing();
        Pipeline dataScience = dataScience();
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        pipelines.put("data_processing", dataProcessing);
        pipelines.put("data_science", dataScience);
        pipelines.put("price_prediction", pricePrediction());
        Pipeline dataProcessingSql = dataProcessingSql();
        pipelines.put("data_processing_sql", dataProcessingSql);
        pipelines.put("sql", dataProcessingSql.plus(dataScienceSql()));
        pipelines.put(DEFAULT_PIPELINE, dataProcessing.plus(dataScience));
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (Variant variant : ServiceLoader.load(Variant.class,
                context != null ? context : SpaceflightsProject.class.getClassLoader())) {
            variant.pipelines().forEach((name, pipeline) -> {
                if (pipelines.putIfAbsent(name, pipeline) != null) {
                    throw new IllegalStateException(variant.getClass().getName() + " adds pipeline '" + name
                            + "', which SpaceflightsProject already registers.");
                }
            });
        }
        return pipelines;
    }
}
