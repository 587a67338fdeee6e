package io.sluice.examples.spaceflights;

/**
 * How well the model predicts the price of the held-out shuttles: {@code data/08_reporting/metrics.json}.
 *
 * @param r2_score  coefficient of determination, 1 - SS_res / SS_tot (1 is perfect, 0 is no
 *                  better than predicting the mean)
 * @param mae       mean absolute error, in dollars
 * @param max_error largest absolute error, in dollars
 * @param test_rows the number of held-out rows
 */
public record Metrics(double r2_score, double mae, double max_error, int test_rows) {
}
