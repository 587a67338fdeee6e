package io.sluice.datasets.model;

/**
 * A trained model that can export itself as an ONNX model, which is what the {@code model}
 * dataset saves by default.
 *
 * <p>Tribuo models implement {@code org.tribuo.ONNXExportable}; this module does not depend on
 * Tribuo (its ONNX support brings a dozen jars), so adapt one with a lambda:
 * {@code OnnxExportable onnx = () -> model.exportONNXModel("com.acme", 1).toByteArray();} or save
 * those bytes directly.
 */
@FunctionalInterface
public interface OnnxExportable {

    /** The model as a serialized ONNX {@code ModelProto}. */
    byte[] toOnnx();
}
