package io.sluice.io;

/**
 * What a dataset holds, so that exporters, orchestrators and listings can tell a trained model
 * (to register, serve or version as a model) and a run's metrics from ordinary data without knowing
 * dataset types. A dataset says what it holds ({@link Dataset#artifactKind()}); a catalog entry may
 * say it instead ({@code artifact: metrics}, see {@link DataCatalog#artifactKind(String)}).
 */
public enum ArtifactKind {
    /** Tables, documents, files of data. */
    DATA,
    /** A trained model (ONNX by default). */
    MODEL,
    /** Figures a run reports about itself: scores, counts, timings (Kedro's {@code MetricsDataset}). */
    METRICS;

    /** The kind named {@code name} ({@code data}, {@code model}, {@code metrics}), empty for another. */
    public static java.util.Optional<ArtifactKind> named(String name) {
        for (ArtifactKind k : values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
