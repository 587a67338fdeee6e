package io.sluice.examples.spaceflights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One row of the model input table: a reviewed shuttle joined with its company and its review,
 * with no missing value (see {@link DataProcessing#createModelInputTable}). Component names are
 * the table's column names; {@code id} is the shuttle's.
 */
public record ModelInputRow(int id, String shuttle_location, String shuttle_type, String engine_type,
                            String engine_vendor, int engines, int passenger_capacity,
                            String cancellation_policy, int crew, boolean d_check_complete,
                            boolean moon_clearance_complete, double price, int company_id, double company_rating,
                            String company_location, int total_fleet_count, boolean iata_approved,
                            double review_scores_rating, double review_scores_comfort,
                            double review_scores_amenities, double review_scores_trip, double review_scores_crew,
                            double review_scores_location, double review_scores_price, int number_of_reviews,
                            double reviews_per_month) {

    /**
     * The columns {@code params:model_options.features} may name, as numbers (booleans are 1 or 0).
     * Spelled out rather than found by reflection, so that a text column cannot be asked for.
     */
    static final Map<String, ToDoubleFunction<ModelInputRow>> NUMERIC_COLUMNS = numericColumns();

    private static Map<String, ToDoubleFunction<ModelInputRow>> numericColumns() {
        Map<String, ToDoubleFunction<ModelInputRow>> m = new LinkedHashMap<>();
        m.put("engines", ModelInputRow::engines);
        m.put("passenger_capacity", ModelInputRow::passenger_capacity);
        m.put("crew", ModelInputRow::crew);
        m.put("d_check_complete", r -> r.d_check_complete() ? 1 : 0);
        m.put("moon_clearance_complete", r -> r.moon_clearance_complete() ? 1 : 0);
        m.put("company_rating", ModelInputRow::company_rating);
        m.put("total_fleet_count", ModelInputRow::total_fleet_count);
        m.put("iata_approved", r -> r.iata_approved() ? 1 : 0);
        m.put("review_scores_rating", ModelInputRow::review_scores_rating);
        m.put("review_scores_comfort", ModelInputRow::review_scores_comfort);
        m.put("review_scores_amenities", ModelInputRow::review_scores_amenities);
        m.put("review_scores_trip", ModelInputRow::review_scores_trip);
        m.put("review_scores_crew", ModelInputRow::review_scores_crew);
        m.put("review_scores_location", ModelInputRow::review_scores_location);
        m.put("review_scores_price", ModelInputRow::review_scores_price);
        m.put("number_of_reviews", ModelInputRow::number_of_reviews);
        m.put("reviews_per_month", ModelInputRow::reviews_per_month);
        return Map.copyOf(m);
    }
}
