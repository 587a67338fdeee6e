/**
 * {@code type: model}: trained models as artifacts of kind {@code model}, ONNX by default
 * ({@link io.sluice.datasets.model.ModelDataset}, loaded as an
 * {@link io.sluice.datasets.model.OnnxModel}), with Java serialization as the fallback for models
 * that cannot export ONNX.
 *
 * <p>Artifact kinds: every dataset of this module says in {@code describe()} whether it holds
 * {@code kind: data} or {@code kind: model}; datasets without a {@code kind} (the core's) hold
 * data. Deployment exporters read it to map models to their platform's model registry.
 */
package io.sluice.datasets.model;
