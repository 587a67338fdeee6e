package io.sluice.datasets.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded ONNX model ready for inference: one ONNX Runtime session, created when the
 * {@code model} dataset loads it.
 *
 * <p>Thread-safe: {@link #predict} and {@link #run} may be called from many threads at once, so
 * one instance loaded at compile time can serve every run. Close it when done; it holds native
 * memory that the garbage collector does not see. {@link #session()} gives the full ONNX Runtime
 * API for models whose inputs or outputs are not float tensors.
 */
public final class OnnxModel implements AutoCloseable {
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String source;

    OnnxModel(OrtEnvironment environment, OrtSession session, String source) {
        this.environment = environment;
        this.session = session;
        this.source = source;
    }

    /** Loads ONNX model bytes, for use outside a catalog (tests, embedding). */
    public static OnnxModel of(byte[] onnx) {
        OrtEnvironment env = Onnx.environment();
        try {
            return new OnnxModel(env, env.createSession(onnx, new OrtSession.SessionOptions()), "ONNX bytes");
        } catch (OrtException e) {
            throw new IllegalArgumentException("not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    /** The model's input names, in the model's order. */
    public List<String> inputNames() {
        return List.copyOf(session.getInputNames());
    }

    /** The model's output names, in the model's order. */
    public List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    /**
     * Runs a model with one input on a batch of rows and returns its first output, one row per
     * input row.
     *
     * @param features one row of float features per example
     * @throws IllegalStateException when the model has several inputs (use {@link #run})
     */
    public float[][] predict(float[][] features) {
        Set<String> inputs = session.getInputNames();
        if (inputs.size() != 1) {
            throw new IllegalStateException("model " + source + " has " + inputs.size() + " inputs " + inputs
                    + "; predict() needs exactly one. Use run(Map) with one batch per input.");
        }
        Map<String, float[][]> out = run(Map.of(inputs.iterator().next(), features),
                List.of(session.getOutputNames().iterator().next()));
        return out.values().iterator().next();
    }

    /**
     * Runs the model on named float inputs (a batch of rows each) and returns every output as rows:
     * a rank-2 output as is, a rank-1 output as one value per row.
     *
     * @throws IllegalArgumentException naming the missing or unknown inputs
     * @throws IllegalStateException    when an output is not a float tensor of rank 0 to 2
     */
    public Map<String, float[][]> run(Map<String, float[][]> inputs) {
        return run(inputs, outputNames());
    }

    private Map<String, float[][]> run(Map<String, float[][]> inputs, List<String> outputs) {
        if (!session.getInputNames().equals(inputs.keySet())) {
            throw new IllegalArgumentException("model " + source + " takes inputs " + session.getInputNames()
                    + ", got " + inputs.keySet() + ".");
        }
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (var e : inputs.entrySet()) {
                tensors.put(e.getKey(), OnnxTensor.createTensor(environment, e.getValue()));
            }
            try (OrtSession.Result result = session.run(tensors, Set.copyOf(outputs))) {
                Map<String, float[][]> out = new LinkedHashMap<>();
                for (String name : outputs) {
                    out.put(name, rows(name, result.get(name).orElseThrow()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("model " + source + " failed to run: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] rows(String name, OnnxValue value) throws OrtException {
        Object v = value.getValue();
        if (v instanceof float[][] matrix) {
            return matrix;
        }
        if (v instanceof float[] vector) {
            float[][] out = new float[vector.length][];
            for (int i = 0; i < vector.length; i++) {
                out[i] = new float[] {vector[i]};
            }
            return out;
        }
        if (v instanceof Float scalar) {
            return new float[][] {{scalar}};
        }
        throw new IllegalStateException("output '" + name + "' of model " + source + " is " + value.getInfo()
                + ", not a float tensor of rank 0 to 2. Use session() to read it.");
    }

    /** The ONNX Runtime session, for what {@link #run} does not cover. Do not close it directly. */
    public OrtSession session() {
        return session;
    }

    /** Input or output names with their element types and shapes ({@code -1}: any size), in model order. */
    static List<Map<String, Object>> describe(Map<String, NodeInfo> nodes) {
        List<Map<String, Object>> out = new ArrayList<>();
        nodes.forEach((name, node) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            if (node.getInfo() instanceof TensorInfo t) {
                d.put("type", t.type.toString().toLowerCase(java.util.Locale.ROOT));
                List<Long> shape = new ArrayList<>();
                for (long dim : t.getShape()) {
                    shape.add(dim);
                }
                d.put("shape", shape);
            } else {
                d.put("type", node.getInfo().toString());
            }
            out.add(d);
        });
        return out;
    }

    /** Releases the session's native memory. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close model " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + source + ", inputs=" + session.getInputNames() + ", outputs="
                + session.getOutputNames() + "]";
    }
}
