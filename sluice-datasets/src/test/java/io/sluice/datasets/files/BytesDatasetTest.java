package io.sluice.datasets.files;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytesDatasetTest {
    @TempDir
    Path project;

    private BytesDataset dataset() {
        return new BytesDataset(DatasetConfig.of("blob", "bytes", map("filepath", "data/blob.bin"), project));
    }

    @Test
    void roundTripsBytesUnchanged() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 10, 13};
        dataset().save(bytes);

        assertThat(Files.readAllBytes(project.resolve("data/blob.bin"))).isEqualTo(bytes);
        assertThat(dataset().load()).isEqualTo(bytes);
        assertThat(dataset().load(byte[].class)).isEqualTo(bytes);
        assertThat(dataset().exists()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void savingSomethingElseNamesWhatWasPassed() {
        Dataset<Object> ds = (Dataset<Object>) (Dataset<?>) dataset();

        assertThatThrownBy(() -> ds.save("text"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'blob' (bytes): cannot save a java.lang.String; it saves a byte[].");
    }

    @Test
    void loadingAsAnotherTypeIsRefused() {
        dataset().save(new byte[] {1});

        assertThatThrownBy(() -> dataset().load(String.class))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'blob' (bytes): loads a byte[], which cannot be passed as String. Declare the"
                        + " parameter as byte[].");
    }
}
