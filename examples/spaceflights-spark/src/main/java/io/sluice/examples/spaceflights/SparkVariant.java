package io.sluice.examples.spaceflights;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark variant of spaceflights, added to {@link SpaceflightsProject} (a
 * {@link SpaceflightsProject.Variant}, listed in {@code META-INF/services}):
 *
 * <ul>
 *   <li>{@code data_processing_spark}: the preprocessing of {@code data_processing}, then the model
 *       input table computed on Spark ({@link DataProcessingSpark}) as
 *       {@code model_input_table_spark};</li>
 *   <li>{@code spark}: data_processing_spark and data_science unchanged, namespaced {@code spark}
 *       and reading {@code model_input_table_spark} ({@code spark.regressor},
 *       {@code spark.metrics}).</li>
 * </ul>
 *
 * Both need the {@code spark} engine and datasets of the config env {@code conf/spark}:
 * {@code bin/sluice -C examples/spaceflights-spark run -e spark -p spark}.
 */
public final class SparkVariant implements SpaceflightsProject.Variant {

    /** Raw CSV files to the model input table, its last step on Spark. */
    public static Pipeline dataProcessingSpark() {
        return Pipeline.of(
                node(DataProcessing::preprocessCompanies).name("preprocess_companies")
                        .inputs("companies").outputs("preprocessed_companies"),
                node(DataProcessing::preprocessShuttles).name("preprocess_shuttles")
                        .inputs("shuttles").outputs("preprocessed_shuttles"),
                node(DataProcessingSpark::createModelInputTable).name("create_model_input_table_spark")
                        .inputs("engine:spark", "preprocessed_shuttles", "preprocessed_companies", "reviews")
                        .outputs("model_input_table_spark"));
    }

    /** {@link SpaceflightsProject#dataScience()} unchanged, on the Spark variant's table. */
    public static Pipeline dataScienceSpark() {
        return Pipeline.pipeline(SpaceflightsProject.dataScience())
                .namespace("spark")
                .inputs(Map.of("model_input_table", "model_input_table_spark"))
                .parameters("model_options")
                .build();
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline dataProcessingSpark = dataProcessingSpark();
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        pipelines.put("data_processing_spark", dataProcessingSpark);
        pipelines.put("spark", dataProcessingSpark.plus(dataScienceSpark()));
        return pipelines;
    }
}
