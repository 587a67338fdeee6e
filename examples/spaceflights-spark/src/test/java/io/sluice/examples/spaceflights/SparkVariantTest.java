package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import io.sluice.spark.SparkRows;
import io.sluice.test.ProjectDirs;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark variant ({@code data_processing_spark}, {@code spark}, env {@code spark}): the model
 * input table computed on Spark equals the Java variant's row for row. One session, hence one
 * SparkSession, for the class (Spark allows one per JVM, and starting it costs seconds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkVariantTest {
    /** {@code List<ModelInputRow>}, as data_science's split_data declares its input. */
    private static final Type ROWS;

    static {
        try {
            ROWS = DataScience.class.getMethod("splitData", List.class, ModelOptions.class).getGenericParameterTypes()[0];
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    static Path project;

    private Session session;

    @BeforeAll
    void compileInEnvSpark() {
        // conf/base and data/01_raw are the spaceflights example's (this module links to them);
        // conf/spark is this module's.
        Path spaceflights = ProjectDirs.moduleDir().resolveSibling("spaceflights");
        ProjectDirs.copy(spaceflights, project, "conf/base", "data/01_raw");
        ProjectDirs.copy(ProjectDirs.moduleDir(), project, "conf/spark");
        session = Session.compile(new SpaceflightsProject(), new SessionOptions(project, "spark", Map.of()));
    }

    @AfterAll
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @SuppressWarnings("unchecked")
    private List<ModelInputRow> rows(String dataset) {
        return (List<ModelInputRow>) session.catalog().dataset(dataset).load(ROWS);
    }

    private JsonNode json(String file) throws Exception {
        return new ObjectMapper().readTree(project.resolve(file).toFile());
    }

    @Test
    @Order(1)
    void theTableComputedOnSparkEqualsTheJavaVariantsRowForRowAndTrainsTheSameModel() throws Exception {
        assertThat(session.pipelines()).containsKeys("data_processing_spark", "spark", "sql", "__default__");
        assertThat(session.enginesUsedBy("spark")).containsExactly("spark");
        assertThat(session.enginesUsedBy("__default__")).isEmpty();

        RunResult java = session.run(RunSpec.ofDefault());
        RunResult spark = session.run(RunSpec.of("spark"));

        assertThat(java.journal().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(spark.journal().state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(spark.journal().nodes()).hasSize(6);
        List<ModelInputRow> expected = rows("model_input_table");
        assertThat(expected).hasSize(2_132);
        // Record equality: every column, doubles bit for bit; and the same order.
        assertThat(rows("model_input_table_spark")).containsExactlyElementsOf(expected);
        // One Parquet file, so that any reader of the folder sees the rows in the table's order.
        try (var files = Files.list(project.resolve("data/03_primary/model_input_table_spark"))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".parquet"))).hasSize(1);
        }
        // Same rows in the same order, same seed: the same split and model, so the same metrics.
        assertThat(json("data/08_reporting/metrics_spark.json")).isEqualTo(json("data/08_reporting/metrics.json"));
        assertThat(project.resolve("data/06_models/regressor_spark.onnx")).isNotEmptyFile();
    }

    /**
     * The example's shuttles have one review each; here many have several, in shuffled order, so
     * the order within a shuttle (the reviews' order) and the join's fan-out are checked too: the
     * node itself, on the session's SparkSession, against the Java node on the same lists.
     */
    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void shuttlesWithSeveralReviewsKeepTheReviewsOrderLikeTheJavaVariant() {
        assertThat(session.run(RunSpec.of("data_processing")).journal().state()).isEqualTo(RunState.SUCCEEDED);
        List<PreprocessedShuttle> shuttles = (List<PreprocessedShuttle>) session.catalog()
                .dataset("preprocessed_shuttles").load(listOf(PreprocessedShuttle.class));
        List<PreprocessedCompany> companies = (List<PreprocessedCompany>) session.catalog()
                .dataset("preprocessed_companies").load(listOf(PreprocessedCompany.class));
        List<Review> reviews = new ArrayList<>((List<Review>) session.catalog().dataset("reviews")
                .load(listOf(Review.class)));
        List<Review> more = new ArrayList<>(reviews);
        for (int i = 0; i < 1_000; i++) {
            // The same shuttle again, with another rating (or still none).
            Review r = reviews.get(i);
            more.add(new Review(r.shuttle_id(), r.review_scores_rating() == null ? null : 50.0 + i % 50,
                    r.review_scores_comfort(), r.review_scores_amenities(), r.review_scores_trip(),
                    r.review_scores_crew(), r.review_scores_location(), r.review_scores_price(),
                    r.number_of_reviews(), r.reviews_per_month()));
        }
        Collections.shuffle(more, new Random(11));
        SparkSession spark = (SparkSession) session.engines().find("spark").orElseThrow().get();

        List<ModelInputRow> expected = DataProcessing.createModelInputTable(shuttles, companies, more);
        Dataset<Row> frame = DataProcessingSpark.createModelInputTable(spark, shuttles, companies, more);

        assertThat(expected).hasSizeGreaterThan(2_132 + 500);
        assertThat(frame.columns()).containsExactlyElementsOf(DataProcessingSpark.COLUMNS);
        assertThat(SparkRows.collect(frame, ModelInputRow.class, 1_000_000, "test"))
                .containsExactlyElementsOf(expected);
    }

    private static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}
