package io.sluice.examples.spaceflights;

import io.sluice.datasets.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@code price_prediction} pipeline's node: prices shuttles with the regressor that
 * {@code data_science} trained and saved. Meant to be run many times in one session (embedded, or
 * over HTTP with {@code sluice serve}): the model is an artifact of this pipeline (it only reads
 * it), so the session loads it once and every run shares it — which is why this node, unlike
 * {@link DataScience#evaluateModel}, never closes it.
 */
public final class PricePredictor {
    private PricePredictor() {
    }

    /**
     * One prediction per shuttle, in request order. The feature columns are
     * {@code model_options.features} in name order, the model's input order (see
     * {@link DataScience#splitData}).
     *
     * @throws IllegalArgumentException when a configured feature is not a field of
     *                                  {@link ShuttleFeatures}
     */
    public static List<PricePrediction> predictPrices(List<ShuttleFeatures> shuttles, OnnxModel regressor,
                                                      ModelOptions options) {
        List<ToDoubleFunction<ShuttleFeatures>> columns = new ArrayList<>();
        for (String feature : options.features().stream().sorted().distinct().toList()) {
            ToDoubleFunction<ShuttleFeatures> column = ShuttleFeatures.COLUMNS.get(feature);
            if (column == null) {
                throw new IllegalArgumentException("model_options.features: '" + feature
                        + "' is not a field of ShuttleFeatures, so the service cannot receive it. Fields: "
                        + String.join(", ", ShuttleFeatures.COLUMNS.keySet().stream().sorted().toList()) + ".");
            }
            columns.add(column);
        }
        float[][] input = new float[shuttles.size()][columns.size()];
        for (int i = 0; i < input.length; i++) {
            for (int j = 0; j < columns.size(); j++) {
                input[i][j] = (float) columns.get(j).applyAsDouble(shuttles.get(i));
            }
        }
        float[][] output = regressor.predict(input);
        List<PricePrediction> prices = new ArrayList<>(output.length);
        for (float[] row : output) {
            prices.add(new PricePrediction(row[0]));
        }
        return prices;
    }
}
