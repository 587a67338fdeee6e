package io.sluice.datasets.partitioned;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.ChecksumMismatchException;
import io.sluice.io.DatasetConfig;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each partition has its own checksum record, checked when that partition is read. */
class PartitionedChecksumTest {
    @TempDir
    Path project;

    private PartitionedDataset dataset(Map<String, Object> extra) {
        Map<String, Object> entry = map("path", "data/reviews", "dataset", "json", "filename_suffix", ".json");
        entry.putAll(extra);
        return new PartitionedDataset(DatasetConfig.of("reviews", "partitioned", entry, project));
    }

    private RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    private void saveTwoPartitions() {
        dataset(map()).save(run("run-1"), Map.of("2024/01", List.of(1, 2, 3), "2024/02", List.of(4, 5, 6)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Supplier<Object>> lazily(PartitionedDataset ds) {
        return (Map<String, Supplier<Object>>) ds.load(run("later"), Object.class);
    }

    @Test
    void aDamagedPartitionFailsWhenItIsReadAndTheOthersStillLoad() throws Exception {
        saveTwoPartitions();
        Path january = project.resolve("data/reviews/2024/01.json");
        Files.writeString(january, Files.readString(january).replace('2', '7'));

        Map<String, Supplier<Object>> partitions = lazily(dataset(map()));

        assertThat(partitions).containsOnlyKeys("2024/01", "2024/02");
        assertThat(partitions.get("2024/02").get()).isEqualTo(List.of(4, 5, 6));
        assertThatThrownBy(() -> partitions.get("2024/01").get())
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'reviews[2024/01]' (json): data/reviews/2024/01.json does not match"
                        + " its checksum record data/reviews/2024/.01.json.sluice");
    }

    @Test
    void checksumFalseOnThePartitionedEntryTurnsTheCheckOffForEveryPartition() throws Exception {
        saveTwoPartitions();
        Path january = project.resolve("data/reviews/2024/01.json");
        Files.writeString(january, Files.readString(january).replace('2', '7'));

        assertThat(lazily(dataset(map("checksum", false))).get("2024/01").get()).isEqualTo(List.of(1, 7, 3));
    }

    @Test
    void recordsAndTemporaryFoldersAreNeverPartitions() throws Exception {
        saveTwoPartitions();

        assertThat(project.resolve("data/reviews/2024/.01.json.sluice")).isRegularFile();
        assertThat(project.resolve("data/reviews/2024/.sluice-tmp")).isDirectory();
        assertThat(lazily(dataset(map("filename_suffix", "")))).containsOnlyKeys("2024/01.json", "2024/02.json");
    }
}
