package io.sluice.examples.spaceflights;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.sluice.spark.SparkRows;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The node of the {@code data_processing_spark} pipeline: the model input table computed on Spark
 * (the {@code spark} engine of {@code conf/spark/engines.yml}) instead of in Java, with the same
 * result row for row as {@link DataProcessing#createModelInputTable}.
 */
public final class DataProcessingSpark {
    /** The columns of the table, in {@link ModelInputRow}'s order. */
    static final List<String> COLUMNS = List.of(
            "id", "shuttle_location", "shuttle_type", "engine_type", "engine_vendor", "engines",
            "passenger_capacity", "cancellation_policy", "crew", "d_check_complete", "moon_clearance_complete",
            "price", "company_id", "company_rating", "company_location", "total_fleet_count", "iata_approved",
            "review_scores_rating", "review_scores_comfort", "review_scores_amenities", "review_scores_trip",
            "review_scores_crew", "review_scores_location", "review_scores_price", "number_of_reviews",
            "reviews_per_month");

    private DataProcessingSpark() {
    }

    /**
     * Kedro's {@code merge}, {@code merge}, {@code dropna} as Spark joins: each shuttle joined with
     * its company and its reviews (inner joins), rows with any missing value dropped, in the
     * shuttles' order and then the reviews' (the order of the Java node, which walks the shuttles
     * and, for each, its reviews as they come), columns in {@link ModelInputRow}'s order.
     *
     * <p>The inputs are the catalog's datasets as the Java node gets them (loaded by Sluice, in
     * file order). Each becomes a frame with its position ({@code monotonically_increasing_id} over
     * a frame made from a driver-side list: its partitions are consecutive slices of the list, so
     * the ids grow in list order), and the result is sorted by the shuttle's position, then the
     * review's, before they are dropped: Spark's joins do not keep an order of their own. The frame
     * is lazy: the {@code model_input_table_spark} dataset runs it when it saves it, as one
     * partition, so that a reader of the folder gets the rows in this order.
     */
    public static Dataset<Row> createModelInputTable(SparkSession spark, List<PreprocessedShuttle> shuttles,
                                                     List<PreprocessedCompany> companies, List<Review> reviews) {
        Dataset<Row> s = SparkRows.toFrame(spark, shuttles, "preprocessed_shuttles")
                .withColumn("shuttle_row", monotonically_increasing_id()).alias("s");
        Dataset<Row> c = SparkRows.toFrame(spark, companies, "preprocessed_companies")
                .withColumnRenamed("id", "company_key");
        Dataset<Row> r = SparkRows.toFrame(spark, reviews, "reviews")
                .withColumn("review_row", monotonically_increasing_id());
        Dataset<Row> joined = s
                .join(c, s.col("company_id").equalTo(c.col("company_key")))
                .join(r, s.col("id").equalTo(r.col("shuttle_id")));
        List<Column> selected = new java.util.ArrayList<>();
        for (String name : COLUMNS) {
            selected.add(col(name));
        }
        selected.add(col("shuttle_row"));
        selected.add(col("review_row"));
        return joined.select(selected.toArray(Column[]::new))
                .na().drop() // Kedro's dropna(): any null in any column
                .orderBy("shuttle_row", "review_row")
                .drop("shuttle_row", "review_row")
                .coalesce(1);
    }
}
