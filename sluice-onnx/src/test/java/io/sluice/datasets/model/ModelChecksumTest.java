package io.sluice.datasets.model;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.ChecksumMismatchException;
import io.sluice.io.DatasetConfig;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file that changed after its save is refused, before ONNX Runtime or deserialization sees it. */
class ModelChecksumTest {
    private static byte[] onnx;

    @TempDir
    Path project;

    @BeforeAll
    static void train() {
        onnx = TinyOnnxModels.onnxBytes(TinyOnnxModels.trainedRegression());
    }

    private ModelDataset dataset(Map<String, Object> entry) {
        return new ModelDataset(DatasetConfig.of("regressor", "model", entry, project));
    }

    private RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    private static void flipLastByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void aFlippedByteInAnOnnxModelFailsItsLoadAsASessionAndAsBytes() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx"));
        ds.save(run("train-1"), onnx);
        flipLastByte(project.resolve("data/06_models/regressor.onnx"));

        assertThatThrownBy(() -> ds.load(run("later"), OnnxModel.class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'regressor' (model): data/06_models/regressor.onnx does not match"
                        + " its checksum record data/06_models/.regressor.onnx.sluice")
                .hasMessageContaining("saved by run train-1 at ");
        assertThatThrownBy(() -> ds.load(run("later"), byte[].class))
                .isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void aFlippedByteInAJavaSerializedModelFailsItsLoad() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/model.bin", "format", "java"));
        ds.save(run("train-1"), new ArrayList<>(List.of(1.0, 2.0)));
        flipLastByte(project.resolve("data/06_models/model.bin"));

        assertThatThrownBy(() -> ds.load(run("later"), Object.class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("data/06_models/model.bin does not match its checksum record");
    }

    @Test
    void theModelAndItsMetadataSidecarEachHaveARecord() throws Exception {
        ModelDataset ds = dataset(map("filepath", "data/06_models/regressor.onnx", "versioned", true));
        ds.save(run("train-1"), onnx);

        Path version = project.resolve("data/06_models/regressor.onnx/train-1");
        assertThat(version.resolve(".regressor.onnx.sluice")).isRegularFile();
        assertThat(version.resolve(".regressor.onnx.meta.json.sluice")).isRegularFile();
        assertThat(ds.saved(run("later")).orElseThrow().runId()).isEqualTo("train-1");
        try (OnnxModel model = (OnnxModel) ds.load(run("later"), OnnxModel.class)) {
            assertThat(model.inputNames()).containsExactly("input");
        }
    }
}
