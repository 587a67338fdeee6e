package io.sluice.io;

/**
 * What a dataset holds, so that exporters, orchestrators and listings can tell a trained model
 * (to register, serve or version as a model) from ordinary data without knowing dataset types.
 */
public enum ArtifactKind {
    /** Tables, documents, files of data. */
    DATA,
    /** A trained model (ONNX by default). */
    MODEL
}
