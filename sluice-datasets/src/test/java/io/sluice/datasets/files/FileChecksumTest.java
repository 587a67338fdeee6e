package io.sluice.datasets.files;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flipped byte in a yaml, bytes or serialized file fails its load instead of loading other data. */
class FileChecksumTest {
    @TempDir
    Path project;

    private RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    private static void flipByte(Path file, int index) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[index] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void aFlippedByteInAYamlFileFailsItsLoad() throws Exception {
        YamlDataset ds = new YamlDataset(DatasetConfig.of("params", "yaml", map("filepath", "data/params.yml"),
                project));
        ds.save(run("run-1"), Map.of("threshold", 0.75));
        Path file = project.resolve("data/params.yml");
        flipByte(file, Files.readString(file).indexOf("0.75") + 2); // 0.75 becomes 0.65: still valid YAML

        assertThatThrownBy(() -> ds.load(run("later"), Object.class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'params' (yaml): data/params.yml does not match its checksum record"
                        + " data/.params.yml.sluice: expected CRC32C ")
                .hasMessageContaining("saved by run run-1 at ");
    }

    @Test
    void aFlippedByteInABytesFileFailsItsLoad() throws Exception {
        BytesDataset ds = new BytesDataset(DatasetConfig.of("logo", "bytes", map("filepath", "data/logo.png"),
                project));
        ds.save(run("run-1"), new byte[] {1, 2, 3, 4, 5});
        flipByte(project.resolve("data/logo.png"), 3);

        assertThatThrownBy(() -> ds.load(run("later"), byte[].class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("data/logo.png does not match its checksum record data/.logo.png.sluice");
    }

    @Test
    void aFlippedByteInASerializedFileIsReportedAsDamageRatherThanAsACorruptStream() throws Exception {
        SerializedDataset ds = new SerializedDataset(DatasetConfig.of("clusters", "serialized",
                map("filepath", "data/clusters.bin"), project));
        ds.save(run("run-1"), new ArrayList<>(List.of("a", "b", "c")));
        flipByte(project.resolve("data/clusters.bin"), 0); // the stream's magic number

        assertThatThrownBy(() -> ds.load(run("later"), Object.class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("data/clusters.bin does not match its checksum record")
                .cause().hasMessageContaining("is not a Java serialization file");
    }

    @Test
    void anUnchangedFileLoadsAsSaved() {
        SerializedDataset ds = new SerializedDataset(DatasetConfig.of("clusters", "serialized",
                map("filepath", "data/clusters.bin"), project));
        ds.save(run("run-1"), new ArrayList<>(List.of("a", "b", "c")));

        assertThat(ds.load(run("later"), List.class)).isEqualTo(List.of("a", "b", "c"));
        assertThat(ds.saved(run("later")).orElseThrow().runId()).isEqualTo("run-1");
    }
}
