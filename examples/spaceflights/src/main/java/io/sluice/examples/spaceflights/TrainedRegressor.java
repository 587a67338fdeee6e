package io.sluice.examples.spaceflights;

import io.sluice.datasets.model.OnnxExportable;
import java.util.List;
import org.tribuo.regression.sgd.linear.LinearSGDModel;

/**
 * What {@link DataScience#trainModel} returns: the Tribuo model and the features it was trained
 * on, in the order of its ONNX input columns. The {@code model} dataset saves it as ONNX and
 * names this class as the file's producer.
 */
public record TrainedRegressor(LinearSGDModel model, List<String> features) implements OnnxExportable {
    /** The ONNX model's domain (its namespace, by reverse DNS convention). */
    static final String ONNX_DOMAIN = "io.sluice.examples.spaceflights";

    public TrainedRegressor {
        features = List.copyOf(features);
    }

    @Override
    public byte[] toOnnx() {
        return model.exportONNXModel(ONNX_DOMAIN, 1).toByteArray();
    }
}
