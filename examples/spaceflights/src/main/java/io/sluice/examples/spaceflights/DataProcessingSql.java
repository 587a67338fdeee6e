package io.sluice.examples.spaceflights;

import io.sluice.datasets.sql.TableRef;
import io.sluice.run.RunContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The node of the {@code data_processing_sql} pipeline: the model input table computed inside
 * DuckDB (the {@code warehouse} engine of {@code conf/base/engines.yml}) instead of in Java, with
 * the same result row for row as {@link DataProcessing#createModelInputTable}.
 *
 * <p>DuckDB reads the files in place: the preprocessed shuttles and companies (the Parquet files
 * the Java nodes {@code preprocess_shuttles} and {@code preprocess_companies} write) with
 * {@code read_parquet}, the raw reviews with {@code read_csv}. The SQL is constant text: table and
 * column names are fixed here, and the only values, the file paths from
 * {@code params:model_input_files}, are bind parameters ({@code ?}), never written into the SQL,
 * so a path holding a quote is read like any other.
 */
public final class DataProcessingSql {
    /** The warehouse table the node creates; the catalog's {@code model_input_table_sql} names it. */
    public static final String TABLE = "model_input_table";

    /**
     * The reviews in file order, typed as the {@code reviews} CSV dataset types them (see
     * {@link Review}); a temporary table of the node's connection, so that its {@code rowid} is
     * the review's line in the file. Parameter 1: the reviews CSV file.
     */
    static final String STAGE_REVIEWS = """
            CREATE OR REPLACE TEMP TABLE reviews_in_file_order AS
            SELECT * FROM read_csv(?, header = true, auto_detect = false, columns = {
                'shuttle_id': 'INTEGER',
                'review_scores_rating': 'DOUBLE',
                'review_scores_comfort': 'DOUBLE',
                'review_scores_amenities': 'DOUBLE',
                'review_scores_trip': 'DOUBLE',
                'review_scores_crew': 'DOUBLE',
                'review_scores_location': 'DOUBLE',
                'review_scores_price': 'DOUBLE',
                'number_of_reviews': 'INTEGER',
                'reviews_per_month': 'DOUBLE'})
            """;

    /**
     * Kedro's {@code merge}, {@code merge}, {@code dropna}: each shuttle joined with its company
     * and its reviews (inner joins), rows with any missing value dropped, in the shuttles' file
     * order and then the reviews' (the order of the Java node, which walks the shuttles and, for
     * each, its reviews as they come). Columns in {@link ModelInputRow}'s order. Parameters: 1 the
     * preprocessed shuttles Parquet file, 2 the preprocessed companies Parquet file.
     */
    static final String CREATE_MODEL_INPUT_TABLE = """
            CREATE OR REPLACE TABLE model_input_table AS
            WITH joined AS (
                SELECT s.id, s.shuttle_location, s.shuttle_type, s.engine_type, s.engine_vendor, s.engines,
                       s.passenger_capacity, s.cancellation_policy, s.crew, s.d_check_complete,
                       s.moon_clearance_complete, s.price, s.company_id,
                       c.company_rating, c.company_location, c.total_fleet_count, c.iata_approved,
                       r.review_scores_rating, r.review_scores_comfort, r.review_scores_amenities,
                       r.review_scores_trip, r.review_scores_crew, r.review_scores_location,
                       r.review_scores_price, r.number_of_reviews, r.reviews_per_month,
                       s.file_row_number AS shuttle_row, r.rowid AS review_row
                FROM read_parquet(?, file_row_number = true) AS s
                JOIN read_parquet(?) AS c ON c.id = s.company_id
                JOIN reviews_in_file_order AS r ON r.shuttle_id = s.id
            )
            SELECT * EXCLUDE (shuttle_row, review_row)
            FROM joined
            WHERE COLUMNS(*) IS NOT NULL
            ORDER BY shuttle_row, review_row
            """;

    static final String DROP_STAGED_REVIEWS = "DROP TABLE IF EXISTS temp.reviews_in_file_order";

    private DataProcessingSql() {
    }

    /**
     * Creates (or replaces) {@value #TABLE} in the warehouse from the files of {@code files}
     * (relative paths resolved against the project directory) and returns its reference, which the
     * {@code sql.TableRef} dataset checks and {@code data_science} loads as
     * {@code List<ModelInputRow>}.
     *
     * <p>{@code preprocessedShuttles}, {@code preprocessedCompanies} and {@code reviews} are the
     * catalog datasets this node reads, declared as its inputs so that the graph is true: the node
     * runs after the nodes that write the Parquet files, and filters, {@code --only-missing-outputs}
     * and resume see what it depends on. DuckDB reads the files themselves; the rows the session
     * loads for these inputs are not used (Sluice's file datasets have no load that gives only
     * the file, so a node cannot yet depend on one without reading it).
     *
     * @throws SQLException from DuckDB, e.g. a missing file, with the file's path
     */
    public static TableRef createModelInputTable(DataSource warehouse, ModelInputFiles files, RunContext run,
                                                 List<PreprocessedShuttle> preprocessedShuttles,
                                                 List<PreprocessedCompany> preprocessedCompanies,
                                                 List<Review> reviews) throws SQLException {
        String shuttlesFile = ModelInputFiles.resolve(run.projectDir(), files.shuttles());
        String companiesFile = ModelInputFiles.resolve(run.projectDir(), files.companies());
        String reviewsFile = ModelInputFiles.resolve(run.projectDir(), files.reviews());
        try (Connection c = warehouse.getConnection()) {
            try {
                try (PreparedStatement stage = c.prepareStatement(STAGE_REVIEWS)) {
                    stage.setString(1, reviewsFile);
                    stage.execute();
                }
                try (PreparedStatement create = c.prepareStatement(CREATE_MODEL_INPUT_TABLE)) {
                    create.setString(1, shuttlesFile);
                    create.setString(2, companiesFile);
                    create.execute();
                }
            } finally {
                try (Statement drop = c.createStatement()) {
                    drop.execute(DROP_STAGED_REVIEWS);
                }
            }
        }
        return TableRef.of(TABLE);
    }
}
