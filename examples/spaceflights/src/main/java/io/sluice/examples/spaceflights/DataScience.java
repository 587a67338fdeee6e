package io.sluice.examples.spaceflights;

import io.sluice.datasets.model.OnnxModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The nodes of the {@code data_science} pipeline: split the model input table, fit a linear
 * regression of the price with Tribuo, and measure it on the held-out rows.
 */
public final class DataScience {
    /** The name of the regression target, the model's single output. */
    static final String TARGET = "price";

    /**
     * Tribuo logs through java.util.logging, which bypasses the CLI's logback configuration
     * (WARN for third parties) and prints two INFO lines per training in its own format. Held in
     * a field because java.util.logging keeps loggers only weakly.
     */
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOGGER.setLevel(Level.WARNING);
    }

    private DataScience() {
    }

    /**
     * Shuffles the rows with {@code random_state} and holds out {@code ceil(test_size * rows)} of
     * them for testing, like scikit-learn's {@code train_test_split}; the same options and table
     * give the same split every time. The feature columns are in name order, whatever the order
     * of {@code features}: that is the order of the input columns of the model's ONNX export
     * (Tribuo numbers features by name), so a matrix row can be fed to it as it is.
     *
     * @throws IllegalArgumentException for a feature that is not a numeric column, or a test size
     *                                  leaving no row on one side
     */
    public static SplitData splitData(List<ModelInputRow> table, ModelOptions options) {
        List<String> names = options.features().stream().sorted().distinct().toList();
        List<ToDoubleFunction<ModelInputRow>> columns = new ArrayList<>();
        for (String f : names) {
            ToDoubleFunction<ModelInputRow> column = ModelInputRow.NUMERIC_COLUMNS.get(f);
            if (column == null) {
                throw new IllegalArgumentException("model_options.features: '" + f
                        + "' is not a numeric column of the model input table. Numeric columns: "
                        + String.join(", ", ModelInputRow.NUMERIC_COLUMNS.keySet().stream().sorted().toList()) + ".");
            }
            columns.add(column);
        }
        if (!(options.test_size() > 0 && options.test_size() < 1)) {
            throw new IllegalArgumentException("model_options.test_size must be between 0 and 1, got "
                    + options.test_size());
        }
        int n = table.size();
        int testRows = (int) Math.ceil(options.test_size() * n);
        if (testRows >= n) {
            throw new IllegalArgumentException("model_options.test_size " + options.test_size() + " of " + n
                    + " rows leaves no row to train on");
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.random_state()));
        List<ModelInputRow> test = order.subList(0, testRows).stream().map(table::get).toList();
        List<ModelInputRow> train = order.subList(testRows, n).stream().map(table::get).toList();
        return new SplitData(features(train, names, columns), features(test, names, columns),
                target(train), target(test));
    }

    private static FeatureMatrix features(List<ModelInputRow> rows, List<String> names,
                                          List<ToDoubleFunction<ModelInputRow>> columns) {
        double[][] values = new double[rows.size()][columns.size()];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < columns.size(); j++) {
                values[i][j] = columns.get(j).applyAsDouble(rows.get(i));
            }
        }
        return new FeatureMatrix(names, values);
    }

    private static double[] target(List<ModelInputRow> rows) {
        return rows.stream().mapToDouble(ModelInputRow::price).toArray();
    }

    /**
     * A linear regression of the price on the features, fitted by Tribuo's
     * {@link LinearSGDTrainer} (squared loss, AdaGrad with {@code learning_rate}, {@code epochs}
     * passes), seeded with {@code random_state}: the same data and options give the same model.
     * Saved by the {@code model} dataset as ONNX: one float input {@code [batch, features]}, columns
     * in the order of {@code X_train}'s names, and one output {@code [batch, 1]}, the price.
     */
    public static TrainedRegressor trainModel(FeatureMatrix xTrain, double[] yTrain, ModelOptions options) {
        return new TrainedRegressor(fit(xTrain, yTrain, options), xTrain.names());
    }

    /** The Tribuo model {@link #trainModel} exports. */
    static LinearSGDModel fit(FeatureMatrix xTrain, double[] yTrain, ModelOptions options) {
        if (xTrain.rows() != yTrain.length) {
            throw new IllegalArgumentException("X_train has " + xTrain.rows() + " rows but y_train has "
                    + yTrain.length + " values");
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("model_input_table (train split)", factory), factory);
        String[] names = xTrain.names().toArray(String[]::new);
        for (int i = 0; i < yTrain.length; i++) {
            data.add(new ArrayExample<>(new Regressor(TARGET, yTrain[i]), names, xTrain.values()[i]));
        }
        // Logging interval -1: no loss log lines; minibatches of one example.
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(options.learning_rate(), 0.1),
                options.epochs(), -1, 1, options.random_state());
        return (LinearSGDModel) trainer.train(data);
    }

    /**
     * R², MAE and the largest error of the saved model's predictions on the held-out rows. The
     * model is the ONNX file as the {@code model} dataset loads it, so this measures what would be
     * deployed; the ONNX Runtime session is closed afterwards, as each load opens its own.
     */
    public static Metrics evaluateModel(OnnxModel regressor, FeatureMatrix xTest, double[] yTest) {
        try (regressor) {
            return metrics(yTest, predict(regressor, xTest));
        }
    }

    /** The model's price for each row of {@code x}. */
    static double[] predict(OnnxModel model, FeatureMatrix x) {
        float[][] input = new float[x.rows()][];
        for (int i = 0; i < input.length; i++) {
            double[] row = x.values()[i];
            input[i] = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                input[i][j] = (float) row[j];
            }
        }
        float[][] output = model.predict(input);
        double[] predicted = new double[output.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = output[i][0];
        }
        return predicted;
    }

    /** R², mean absolute error and largest absolute error of {@code predicted} against {@code actual}. */
    public static Metrics metrics(double[] actual, double[] predicted) {
        if (actual.length != predicted.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many predictions as actual values, and at least one; got "
                    + predicted.length + " and " + actual.length);
        }
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= actual.length;
        double ssRes = 0;
        double ssTot = 0;
        double absSum = 0;
        double maxError = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - predicted[i];
            ssRes += e * e;
            ssTot += (actual[i] - mean) * (actual[i] - mean);
            absSum += Math.abs(e);
            maxError = Math.max(maxError, Math.abs(e));
        }
        // As scikit-learn: a constant target is predicted perfectly (1) or not at all (0).
        double r2 = ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        return new Metrics(r2, absSum / actual.length, maxError, actual.length);
    }
}
