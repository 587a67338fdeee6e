package io.sluice.datasets.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sluice.io.ChecksumMismatchException;
import io.sluice.io.DatasetConfig;
import io.sluice.io.SavedFile;
import io.sluice.resource.Resources;
import io.sluice.run.RunContext;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet files, written by DuckDB, are checksummed like every other file dataset's. */
class ParquetChecksumTest {
    @TempDir
    Path project;

    final Resources resources = new Resources("the test catalog");

    @AfterEach
    void closeResources() {
        resources.close();
    }

    public record Reading(long id, double value) {
    }

    static final int ROWS = 50_000;

    ParquetDataset parquet(Map<String, ?> keys) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("filepath", "data/readings.parquet");
        entry.put("save_args", Map.of("compression", "uncompressed"));
        entry.putAll(keys);
        return new ParquetDataset(DatasetConfig.of("readings", ParquetDataset.TYPE, entry, project, resources));
    }

    static List<Reading> readings() {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            out.add(new Reading(i, i * 0.25));
        }
        return out;
    }

    RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    @SuppressWarnings("unchecked")
    List<Reading> load(ParquetDataset ds) {
        return (List<Reading>) ds.load(run("later"), ParquetDatasetTest.listOf(Reading.class));
    }

    /** Overwrites 4 KiB in the middle of the file with 4 KiB from elsewhere in it, as a bad copy could. */
    static void overwrite4KiB(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int from = bytes.length * 3 / 4;
        int to = bytes.length / 4;
        System.arraycopy(bytes, from, bytes, to, 4096);
        Files.write(file, bytes);
    }

    @Test
    void aFileWith4KiBOverwrittenLoadsWrongValuesSilentlyWithoutTheCheck() throws Exception {
        parquet(Map.of()).save(run("run-1"), readings());
        overwrite4KiB(project.resolve("data/readings.parquet"));

        List<Reading> loaded = load(parquet(Map.of("checksum", false)));

        List<Reading> expected = readings();
        long wrong = 0;
        for (int i = 0; i < ROWS; i++) {
            if (!loaded.get(i).equals(expected.get(i))) {
                wrong++;
            }
        }
        assertThat(loaded).hasSize(ROWS);
        // 4 KiB of PLAIN-encoded longs is 512 values: every row they held comes back wrong
        assertThat(wrong).as("rows loaded with wrong values and no error").isGreaterThanOrEqualTo(512);
    }

    @Test
    void aFileWith4KiBOverwrittenFailsToLoadNamingTheRunThatSavedIt() throws Exception {
        parquet(Map.of()).save(run("run-1"), readings());
        overwrite4KiB(project.resolve("data/readings.parquet"));

        assertThatThrownBy(() -> load(parquet(Map.of())))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'readings' (parquet): data/readings.parquet does not match its"
                        + " checksum record data/.readings.parquet.sluice: expected CRC32C ")
                .hasMessageContaining("saved by run run-1 at ")
                .hasMessageEndingWith("If you changed the file on purpose, delete data/.readings.parquet.sluice or"
                        + " set checksum: false on the entry.");
    }

    @Test
    void theRecordOfAFileDuckDbWroteHoldsItsChecksumAndSize() throws Exception {
        parquet(Map.of()).save(run("run-1"), readings());
        Path file = project.resolve("data/readings.parquet");
        byte[] bytes = Files.readAllBytes(file);
        CRC32C crc = new CRC32C();
        crc.update(bytes);

        SavedFile saved = parquet(Map.of()).saved(run("later")).orElseThrow();

        assertThat(saved.checksum()).isEqualTo(String.format("%08x", crc.getValue()));
        assertThat(saved.size()).isEqualTo(bytes.length);
        assertThat(saved.runId()).isEqualTo("run-1");
        assertThat(load(parquet(Map.of()))).isEqualTo(readings());
    }

    @Test
    void eachVersionOfAVersionedParquetDatasetHasItsOwnRecord() throws Exception {
        parquet(Map.of("versioned", true)).save(run("v1"), readings());
        parquet(Map.of("versioned", true)).save(run("v2"), readings().subList(0, 20));
        overwrite4KiB(project.resolve("data/readings.parquet/v1/readings.parquet"));

        assertThat(load(parquet(Map.of("versioned", true)))).hasSize(20);
        RunContext pinned = new RunContext("later", "__default__", "local", Map.of(), project,
                Map.of("readings", "v1"));
        assertThatThrownBy(() -> parquet(Map.of("versioned", true)).load(pinned,
                ParquetDatasetTest.listOf(Reading.class)))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("saved by run v1 at ");
    }

    @Test
    void aParquetFileGetsTheModeOfAFileCreatedNormally() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Files.createDirectories(project.resolve("data"));
        Path normal = Files.writeString(project.resolve("data/normal.txt"), "x");

        parquet(Map.of()).save(run("run-1"), readings().subList(0, 10));

        assertThat(Files.getPosixFilePermissions(project.resolve("data/readings.parquet")))
                .isEqualTo(Files.getPosixFilePermissions(normal));
    }
}
