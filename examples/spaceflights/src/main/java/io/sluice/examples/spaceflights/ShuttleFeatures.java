package io.sluice.examples.spaceflights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One shuttle to price, as the {@code price_prediction} service receives it: the features the
 * model was trained on (see {@code model_options.features}). Field names are the model input
 * table's column names.
 */
public record ShuttleFeatures(int engines, int passenger_capacity, int crew, boolean d_check_complete,
                              boolean moon_clearance_complete, boolean iata_approved, double company_rating,
                              double review_scores_rating) {

    /** The features by name, as numbers (booleans are 1 or 0), like {@link ModelInputRow}'s. */
    static final Map<String, ToDoubleFunction<ShuttleFeatures>> COLUMNS = columns();

    private static Map<String, ToDoubleFunction<ShuttleFeatures>> columns() {
        Map<String, ToDoubleFunction<ShuttleFeatures>> m = new LinkedHashMap<>();
        m.put("engines", ShuttleFeatures::engines);
        m.put("passenger_capacity", ShuttleFeatures::passenger_capacity);
        m.put("crew", ShuttleFeatures::crew);
        m.put("d_check_complete", s -> s.d_check_complete() ? 1 : 0);
        m.put("moon_clearance_complete", s -> s.moon_clearance_complete() ? 1 : 0);
        m.put("iata_approved", s -> s.iata_approved() ? 1 : 0);
        m.put("company_rating", ShuttleFeatures::company_rating);
        m.put("review_scores_rating", ShuttleFeatures::review_scores_rating);
        return Map.copyOf(m);
    }
}
