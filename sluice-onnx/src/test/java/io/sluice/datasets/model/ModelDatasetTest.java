package io.sluice.datasets.model;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.regression.sgd.linear.LinearSGDModel;

class ModelDatasetTest {
    private static LinearSGDModel tribuo;
    private static byte[] onnx;

    @TempDir
    Path project;

    @BeforeAll
    static void train() {
        tribuo = TinyOnnxModels.trainedRegression();
        onnx = TinyOnnxModels.onnxBytes(tribuo);
    }

    private ModelDataset dataset(Map<String, Object> entry) {
        return new ModelDataset(DatasetConfig.of("regressor", "model", entry, project));
    }

    private Map<?, ?> sidecar(String relative) throws Exception {
        return new ObjectMapper().readValue(project.resolve(relative).toFile(), Map.class);
    }

    @Test
    void anOnnxModelRoundTripsAndPredictsLikeTheModelThatExportedIt() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx"));
        ds.save(onnx);

        assertThat(Files.readAllBytes(project.resolve("data/06_models/regressor.onnx"))).isEqualTo(onnx);
        float[][] rows = TinyOnnxModels.sampleRows().toArray(new float[0][]);
        try (OnnxModel model = (OnnxModel) ds.load()) {
            assertThat(model.inputNames()).containsExactly("input");
            float[][] predicted = model.predict(rows);
            assertThat(predicted).hasNumberOfRows(rows.length);
            for (int i = 0; i < rows.length; i++) {
                assertThat(predicted[i]).hasSize(1);
                assertThat(predicted[i][0]).isCloseTo(TinyOnnxModels.tribuoPredict(tribuo, rows[i]), within(1e-4f));
            }
            assertThat(model.run(Map.of("input", rows)).get("output")[1][0]).isEqualTo(predicted[1][0]);
        }
        // the synthetic truth, y = 2 f0 - f1 + 0.5 f2 + 1, is what the model learnt
        try (OnnxModel model = (OnnxModel) ds.load(OnnxModel.class)) {
            assertThat(model.predict(new float[][] {{1f, 0.5f, 0.25f}})[0][0]).isCloseTo(2.625f, within(1e-3f));
        }
    }

    @Test
    void theSidecarSaysItIsAnOnnxModelAndDescribesItsInputsAndOutputs() throws Exception {
        ModelDataset ds = dataset(map("filepath", "m.onnx"));
        try (var run = RunContext.enter(new RunContext("20240101T000000Z-a", "train", "base", Map.of(), project))) {
            ds.save((OnnxExportable) () -> TinyOnnxModels.onnxBytes(tribuo));
        }

        Map<?, ?> metadata = sidecar("m.onnx.meta.json");
        assertThat(metadata.get("kind")).isEqualTo("model");
        assertThat(metadata.get("format")).isEqualTo("onnx");
        assertThat(metadata.get("run_id")).isEqualTo("20240101T000000Z-a");
        assertThat(metadata.get("file")).isEqualTo("m.onnx");
        assertThat((String) metadata.get("producer")).startsWith(ModelDatasetTest.class.getName() + "$$Lambda");
        assertThat(metadata.get("inputs")).isEqualTo(List.of(map("name", "input", "type", "float",
                "shape", List.of(-1, 3))));
        assertThat(metadata.get("outputs")).isEqualTo(List.of(map("name", "output", "type", "float",
                "shape", List.of(-1, 1))));
        assertThat(((Map<?, ?>) metadata.get("onnx")).get("domain")).isEqualTo("io.sluice.test");
        assertThat(ds.metadata()).contains(castMap(metadata));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @Test
    void versionedModelsKeepEveryVersionAndLoadTheLatestOrThePinnedOne() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx", "versioned", true));
        try (var run = RunContext.enter(new RunContext("20240101T000000Z-a", "train", "base", Map.of(), project))) {
            ds.save(onnx);
        }
        byte[] other = TinyOnnxModels.onnxBytes(TinyOnnxModels.trainedRegression());
        try (var run = RunContext.enter(new RunContext("20240102T000000Z-b", "train", "base", Map.of(), project))) {
            ds.save(other);
        }

        assertThat(ds.versions()).containsExactly("20240101T000000Z-a", "20240102T000000Z-b");
        assertThat(sidecar("data/06_models/regressor.onnx/20240101T000000Z-a/regressor.onnx.meta.json")
                .get("run_id")).isEqualTo("20240101T000000Z-a");
        assertThat(ds.metadata().orElseThrow().get("run_id")).isEqualTo("20240102T000000Z-b");
        var pinned = new RunContext("r", "score", "base", Map.of(), project, Map.of("regressor", "20240101T000000Z-a"));
        try (var run = RunContext.enter(pinned); OnnxModel model = (OnnxModel) ds.load()) {
            assertThat(ds.load(byte[].class)).isEqualTo(onnx);
            assertThat(model.predict(new float[][] {{0f, 0f, 0f}})[0][0])
                    .isCloseTo(TinyOnnxModels.tribuoPredict(tribuo, new float[] {0f, 0f, 0f}), within(1e-4f));
        }
    }

    @Test
    void theSidecarRecordsTheRunTheSaveIsGivenNotTheThreadsRun() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx", "versioned", true));
        RunContext training = new RunContext("20240101T000000Z-a", "train", "base", Map.of(), project);

        try (var threads = RunContext.enter(new RunContext("20240109T000000Z-t", "other", "base", Map.of(), project))) {
            ds.save(training, onnx);
        }

        assertThat(ds.versions()).containsExactly("20240101T000000Z-a");
        assertThat(sidecar("data/06_models/regressor.onnx/20240101T000000Z-a/regressor.onnx.meta.json")
                .get("run_id")).isEqualTo("20240101T000000Z-a");
    }

    @Test
    void metadataAndLoadsGivenARunReadTheVersionItPins() {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx", "versioned", true));
        byte[] other = TinyOnnxModels.onnxBytes(TinyOnnxModels.trainedRegression());
        ds.save(new RunContext("20240101T000000Z-a", "train", "base", Map.of(), project), onnx);
        ds.save(new RunContext("20240102T000000Z-b", "train", "base", Map.of(), project), other);
        var pinsFirst = new RunContext("r", "score", "base", Map.of(), project,
                Map.of("regressor", "20240101T000000Z-a"));

        assertThat(ds.metadata(pinsFirst).orElseThrow().get("run_id")).isEqualTo("20240101T000000Z-a");
        assertThat(ds.load(pinsFirst, byte[].class)).isEqualTo(onnx);
        assertThat(ds.metadata().orElseThrow().get("run_id")).isEqualTo("20240102T000000Z-b");
    }

    @Test
    void bytesThatAreNotOnnxAreRefusedBeforeAnythingIsWritten() {
        ModelDataset ds = dataset(map("filepath", "m.onnx"));

        assertThatThrownBy(() -> ds.save("not a model".getBytes()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'regressor' (model): cannot save: the bytes are not a valid ONNX"
                        + " model: ");
        assertThat(project.resolve("m.onnx")).doesNotExist();
        assertThat(project.resolve("m.onnx.meta.json")).doesNotExist();
    }

    @Test
    void anObjectThatCannotExportOnnxIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> dataset(map("filepath", "m.onnx")).save(new StringBuilder("weights")))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'regressor' (model): cannot save a java.lang.StringBuilder; it saves ONNX models:"
                        + " the model bytes (byte[]) or an io.sluice.datasets.model.OnnxExportable. Set 'format: java'"
                        + " to save a Serializable model that cannot export ONNX.");
    }

    @Test
    void loadingAsAnotherTypeIsRefused() {
        ModelDataset ds = dataset(map("filepath", "m.onnx"));
        ds.save(onnx);

        assertThatThrownBy(() -> ds.load(String.class))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'regressor' (model): loads an OnnxModel (or the ONNX bytes as byte[]), which"
                        + " cannot be passed as String. Declare the parameter as OnnxModel.");
    }

    @Test
    void aMissingModelIsNamed() {
        assertThatThrownBy(() -> dataset(map("filepath", "data/m.onnx")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'regressor' (model): file data/m.onnx does not exist");
    }

    record Centroids(double[] values) implements Serializable {
    }

    @Test
    void theJavaFormatIsTheFallbackForModelsWithoutOnnxAndSaysSo() throws Exception {
        ModelDataset ds = dataset(map("filepath", "m.bin", "format", "java"));
        ds.save(new Centroids(new double[] {1, 2}));

        assertThat(((Centroids) ds.load(Centroids.class)).values()).containsExactly(1, 2);
        assertThat(sidecar("m.bin.meta.json").get("format")).isEqualTo("java");
        assertThat(sidecar("m.bin.meta.json").get("producer")).isEqualTo(Centroids.class.getName());
        assertThatThrownBy(() -> ds.load(OnnxModel.class))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'regressor' (model): m.bin holds a " + Centroids.class.getName()
                        + ", which cannot be passed as OnnxModel.");
        assertThatThrownBy(() -> dataset(map("filepath", "m.bin")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'regressor' (model): m.bin was saved with format 'java' (see m.bin.meta.json),"
                        + " but the entry has format 'onnx'. Set 'format: java' or save the model again.");
    }

    @Test
    void loadArgsSetTheOnnxRuntimeThreadsAndTheModelPredictsTheSame() throws Exception {
        dataset(map("filepath", "m.onnx")).save(onnx);
        ModelDataset single = dataset(map("filepath", "m.onnx", "load_args",
                map("intra_op_threads", 1, "inter_op_threads", 1, "allow_spinning", false)));

        float[][] rows = TinyOnnxModels.sampleRows().toArray(new float[0][]);
        try (OnnxModel model = (OnnxModel) single.load(); OnnxModel plain = (OnnxModel) dataset(map("filepath",
                "m.onnx")).load()) {
            assertThat(model.predict(rows)).isDeepEqualTo(plain.predict(rows));
        }
    }

    @Test
    void aNegativeThreadCountIsAConfigError() {
        assertThatThrownBy(() -> dataset(map("filepath", "m.onnx", "load_args", map("intra_op_threads", -1))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("intra_op_threads must be 0 (ONNX Runtime's default) or a number of threads, "
                        + "got -1.");
    }

    @Test
    void aLoadArgOfTheWrongTypeNamesItsKey() {
        assertThatThrownBy(() -> dataset(map("filepath", "m.onnx", "load_args", map("allow_spinning", "no"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("code: dataset 'regressor' (type model): key 'load_args.allow_spinning' expects a boolean"
                        + " (true or false), got \"no\". Fix the value in the catalog.");
    }

    @Test
    void anUnknownFormatIsAConfigError() {
        assertThatThrownBy(() -> dataset(map("filepath", "m.pkl", "format", "pickle")))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("code: dataset 'regressor' (model): format 'pickle' is not supported. Use 'onnx' (the"
                        + " default) or 'java' (Java serialization, for models that cannot export ONNX).");
    }

    @Test
    void describeSaysItHoldsAModelAndItsFormat() {
        assertThat(dataset(map("filepath", "m.onnx")).describe()).containsExactly(Map.entry("type", "model"),
                Map.entry("kind", "model"), Map.entry("filepath", "m.onnx"), Map.entry("format", "onnx"));
        assertThat(dataset(map("filepath", "m.onnx")).artifactKind()).isEqualTo(io.sluice.io.ArtifactKind.MODEL);
    }

    @Test
    void aPlainOnnxFileWithoutSidecarLoads() throws Exception {
        Files.write(project.resolve("external.onnx"), onnx);

        try (OnnxModel model = (OnnxModel) dataset(map("filepath", "external.onnx")).load()) {
            assertThat(model.outputNames()).containsExactly("output");
        }
        assertThat(dataset(map("filepath", "external.onnx")).metadata()).isEmpty();
    }
}
