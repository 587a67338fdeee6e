package io.sluice.datasets.model;

import ai.onnxruntime.OrtEnvironment;

/** The process-wide ONNX Runtime environment, with a clear error when the native library cannot load. */
final class Onnx {
    private Onnx() {
    }

    static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException("ONNX Runtime cannot start on this machine (" + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch") + "): " + e + ". The onnxruntime jar ships native libraries"
                    + " for linux, macOS and windows on x64 and aarch64.", e);
        }
    }
}
