package io.sluice.datasets.files;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.datasets.TestConfigs.TypeOf;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerializedDatasetTest {
    @TempDir
    Path project;

    record Centroids(List<double[]> points, String metric) implements Serializable {
    }

    private SerializedDataset dataset(Map<String, Object> entry) {
        return new SerializedDataset(DatasetConfig.of("state", "serialized", entry, project));
    }

    @Test
    void roundTripsASerializableObject() {
        SerializedDataset ds = dataset(map("filepath", "data/state.bin"));
        ds.save(new Centroids(List.of(new double[] {1.5, 2}), "cosine"));

        Centroids back = (Centroids) ds.load(Centroids.class);

        assertThat(back.metric()).isEqualTo("cosine");
        assertThat(back.points().get(0)).containsExactly(1.5, 2);
    }

    @Test
    void loadingAsAnotherTypeNamesBoth() {
        SerializedDataset ds = dataset(map("filepath", "data/state.bin"));
        ds.save(new ArrayList<>(List.of(1, 2)));

        assertThatThrownBy(() -> ds.load(new TypeOf<Map<String, Integer>>() { }.type()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'state' (serialized): data/state.bin holds a java.util.ArrayList, which cannot be"
                        + " passed as Map<String, Integer>.");
    }

    @Test
    void savingANonSerializableObjectIsRefused() {
        assertThatThrownBy(() -> dataset(map("filepath", "s.bin")).save(new Object()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'state' (serialized): cannot save a java.lang.Object; it saves objects"
                        + " implementing java.io.Serializable.");
    }

    @Test
    void aNonSerializableFieldIsNamedAndNothingIsWritten() {
        SerializedDataset ds = dataset(map("filepath", "s.bin"));

        assertThatThrownBy(() -> ds.save(new ArrayList<>(List.of(new Object()))))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'state' (serialized): cannot save a java.util.ArrayList: it holds a"
                        + " java.lang.Object, which is not Serializable. Make it Serializable or mark the field"
                        + " transient.");
        assertThat(project.resolve("s.bin")).doesNotExist();
    }

    @Test
    void theFilterRejectsClassesItDoesNotAllow() {
        SerializedDataset ds = dataset(map("filepath", "s.bin", "load_args", map("filter", "java.base/*;!*")));
        ds.save(new Centroids(List.of(), "l2"));

        assertThatThrownBy(ds::load)
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'state' (serialized): cannot read s.bin: load_args.filter rejects class "
                        + Centroids.class.getName() + ".");
    }

    @Test
    void aFileThatIsNotSerializedJavaIsNamed() throws Exception {
        Files.writeString(project.resolve("s.bin"), "hello");

        assertThatThrownBy(() -> dataset(map("filepath", "s.bin")).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'state' (serialized): s.bin is not a Java serialization file (");
    }
}
