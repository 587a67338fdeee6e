package io.sluice.examples.spaceflights;

/**
 * One row of {@code data/01_raw/reviews.csv}: the review scores of one shuttle ({@code null} where
 * the cell is empty). The overall rating is out of 100, the others out of 10.
 */
public record Review(int shuttle_id, Double review_scores_rating, Double review_scores_comfort,
                     Double review_scores_amenities, Double review_scores_trip, Double review_scores_crew,
                     Double review_scores_location, Double review_scores_price, Integer number_of_reviews,
                     Double reviews_per_month) {
}
