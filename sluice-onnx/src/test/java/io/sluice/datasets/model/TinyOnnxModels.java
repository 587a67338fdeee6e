package io.sluice.datasets.model;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Real ONNX models made in the test, without downloads: a Tribuo linear regression trained on a
 * few synthetic rows of {@code y = 2 f0 - f1 + 0.5 f2 + 1}, exported to ONNX.
 */
final class TinyOnnxModels {
    static final String[] FEATURES = {"f0", "f1", "f2"};

    private TinyOnnxModels() {
    }

    static LinearSGDModel trainedRegression() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("synthetic", factory), factory);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200; i++) {
            double[] x = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            double y = 2 * x[0] - x[1] + 0.5 * x[2] + 1;
            data.add(new ArrayExample<>(new Regressor("y", y), FEATURES, x));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.5), 20, 1L);
        return trainer.train(data);
    }

    static byte[] onnxBytes(LinearSGDModel model) {
        return model.exportONNXModel("io.sluice.test", 1).toByteArray();
    }

    /** Tribuo's own prediction for one row of features. */
    static float tribuoPredict(LinearSGDModel model, float[] row) {
        double[] x = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            x[i] = row[i];
        }
        Example<Regressor> example = new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, FEATURES, x);
        Prediction<Regressor> prediction = model.predict(example);
        return (float) prediction.getOutput().getValues()[0];
    }

    static List<float[]> sampleRows() {
        return List.of(new float[] {0f, 0f, 0f}, new float[] {1f, 0.5f, 0.25f}, new float[] {0.3f, 0.9f, 0.1f});
    }
}
