package io.sluice.datasets.partitioned;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.datasets.TestConfigs.TypeOf;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.resource.Resources;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedDatasetTest {
    @TempDir
    Path project;

    record Review(String shuttle, int stars) {
    }

    private PartitionedDataset dataset(Map<String, Object> entry) {
        return new PartitionedDataset(DatasetConfig.of("reviews", "partitioned", entry, project));
    }

    private PartitionedDataset jsonParts() {
        return dataset(map("path", "data/reviews", "dataset", "json", "filename_suffix", ".json"));
    }

    private static List<Object> ids(Object partitions) {
        return new ArrayList<>(((Map<?, ?>) partitions).keySet());
    }

    private void write(String relative, String content) throws Exception {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void loadsSortedPartitionIdsWithoutReadingAnyPartition() throws Exception {
        write("data/reviews/2024/02.json", "[]");
        write("data/reviews/2024/01.json", "{ not json");
        write("data/reviews/notes.txt", "not a partition: wrong suffix");

        @SuppressWarnings("unchecked")
        Map<String, Supplier<Object>> partitions = (Map<String, Supplier<Object>>) jsonParts().load();

        assertThat(partitions.keySet()).containsExactly("2024/01", "2024/02");
        assertThat(partitions.get("2024/02").get()).isEqualTo(List.of());
        assertThatThrownBy(() -> partitions.get("2024/01").get())
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'reviews[2024/01]' (json): data/reviews/2024/01.json is not valid"
                        + " JSON");
    }

    @Test
    void typedLoadReadsEachPartitionIntoTheSuppliersType() throws Exception {
        write("data/reviews/a.csv", "shuttle,stars\nFalcon,5\n");
        write("data/reviews/b.csv", "shuttle,stars\nDragon,4\nStarliner,2\n");
        PartitionedDataset ds = dataset(map("path", "data/reviews", "dataset", "csv", "filename_suffix", ".csv"));

        @SuppressWarnings("unchecked")
        Map<String, Supplier<List<Review>>> partitions = (Map<String, Supplier<List<Review>>>)
                ds.load(new TypeOf<Map<String, Supplier<List<Review>>>>() { }.type());

        assertThat(partitions.get("a").get()).containsExactly(new Review("Falcon", 5));
        assertThat(partitions.get("b").get()).containsExactly(new Review("Dragon", 4), new Review("Starliner", 2));
    }

    @Test
    void aValueTypeThatIsNotASupplierLoadsEagerly() throws Exception {
        write("data/reviews/a.json", "[{\"shuttle\": \"Falcon\", \"stars\": 5}]");

        Object partitions = jsonParts().load(new TypeOf<Map<String, List<Review>>>() { }.type());

        assertThat(partitions).isEqualTo(Map.of("a", List.of(new Review("Falcon", 5))));
    }

    @Test
    void aTargetThatIsNotAMapIsRefused() throws Exception {
        write("data/reviews/a.json", "[]");

        assertThatThrownBy(() -> jsonParts().load(new TypeOf<List<Review>>() { }.type()))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'reviews' (partitioned): loads a map from partition id to partition, which cannot"
                        + " be passed as List<Review>. Declare the parameter as Map<String, Supplier<T>> (lazy) or"
                        + " Map<String, T>.");
    }

    @Test
    void savesOnePartitionPerEntryCallingLazyValuesOneAtATime() throws Exception {
        PartitionedDataset ds = jsonParts();
        List<String> calls = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eu/2024-01", List.of(new Review("Falcon", 5)));
        data.put("eu/2024-02", (Supplier<Object>) () -> {
            calls.add("supplier, eu/2024-01 written: " + Files.exists(project.resolve("data/reviews/eu/2024-01.json")));
            return List.of(new Review("Dragon", 4));
        });
        data.put("us/2024-01", (Callable<Object>) () -> {
            calls.add("callable, eu/2024-02 written: " + Files.exists(project.resolve("data/reviews/eu/2024-02.json")));
            return List.of();
        });

        ds.save(data);

        assertThat(calls).containsExactly("supplier, eu/2024-01 written: true", "callable, eu/2024-02 written: true");
        assertThat(Files.readString(project.resolve("data/reviews/eu/2024-02.json")))
                .isEqualTo("[{\"shuttle\":\"Dragon\",\"stars\":4}]");
        assertThat(ids(ds.load())).containsExactly("eu/2024-01", "eu/2024-02", "us/2024-01");
    }

    @Test
    void anIdThatEscapesTheFolderIsRejectedBeforeAnythingIsWritten() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", List.of());
        data.put("../x", List.of());

        assertThatThrownBy(() -> jsonParts().save(data))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'reviews' (partitioned): partition id '../x' escapes the folder data/reviews."
                        + " Partition ids are relative paths inside the folder: no '..', not absolute, no segment"
                        + " starting with '.'.");
        assertThat(project.resolve("data/reviews")).doesNotExist();
        assertThat(project.resolve("data/x.json")).doesNotExist();
    }

    @Test
    void absoluteAndHiddenIdsAreRejected() {
        assertThatThrownBy(() -> jsonParts().save(Map.of("/etc/x", List.of())))
                .hasMessageContaining("partition id '/etc/x' is absolute.");
        assertThatThrownBy(() -> jsonParts().save(Map.of("a/.hidden", List.of())))
                .hasMessageContaining("partition id 'a/.hidden' has an empty or hidden path segment ('.hidden').");
    }

    @Test
    void hiddenFilesSuchAsUnfinishedAtomicWritesAreNotPartitions() throws Exception {
        write("data/reviews/a.json", "[]");
        write("data/reviews/.a.json.123.tmp.json", "[");

        assertThat(ids(jsonParts().load())).containsExactly("a");
    }

    @Test
    void aMissingFolderOrAnEmptyOneIsNamed() throws Exception {
        assertThat(jsonParts().exists()).isFalse();
        assertThatThrownBy(() -> jsonParts().load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'reviews' (partitioned): folder data/reviews does not exist.");
        Files.createDirectories(project.resolve("data/reviews"));
        assertThatThrownBy(() -> jsonParts().load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'reviews' (partitioned): no partitions in data/reviews (files ending in '.json')."
                        + " Run the node that saves it first.");
    }

    @Test
    void theUnderlyingDatasetTakesItsOwnArguments() throws Exception {
        PartitionedDataset ds = dataset(map("path", "data/reviews", "filename_suffix", ".tsv",
                "dataset", map("type", "csv", "save_args", map("delimiter", "\t"), "load_args", map("delimiter", "\t"))));
        ds.save(Map.of("a", List.of(new Review("Falcon", 5))));

        assertThat(Files.readString(project.resolve("data/reviews/a.tsv"))).isEqualTo("shuttle\tstars\nFalcon\t5\n");
        assertThat(ds.describe()).containsExactly(Map.entry("type", "partitioned"), Map.entry("kind", "data"),
                Map.entry("path", "data/reviews"), Map.entry("filename_suffix", ".tsv"),
                Map.entry("dataset", map("type", "csv", "save_args", map("delimiter", "\t"),
                        "load_args", map("delimiter", "\t"))));
    }

    @Test
    void theUnderlyingEntryMustNotSetTheFilepath() {
        assertThatThrownBy(() -> dataset(map("path", "p", "dataset", map("type", "json", "filepath", "x.json"))))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage("code: dataset 'reviews' (partitioned): 'dataset' must not set 'filepath': each partition"
                        + " is the unversioned file <path>/<partition id><filename_suffix>. Remove it.");
    }

    @Test
    void withoutRecursionOnlyTopLevelFilesArePartitions() throws Exception {
        write("data/reviews/a.json", "[]");
        write("data/reviews/old/b.json", "[]");
        PartitionedDataset ds = dataset(map("path", "data/reviews", "dataset", "json", "filename_suffix", ".json",
                "load_args", map("recursive", false)));

        assertThat(ids(ds.load())).containsExactly("a");
    }

    private RunContext run(String runId) {
        return new RunContext(runId, "p", "base", Map.of(), project);
    }

    @Test
    void theRunASaveIsGivenIsPassedOnToEveryPartition() throws Exception {
        PartitionedDataset ds = dataset(map("path", "data/stamps", "dataset", RunStampDataset.class.getName()));

        try (RunContext.Scope threads = RunContext.enter(run("thread-run"))) {
            ds.save(run("r1"), Map.of("a", "x", "b", "y"));
        }

        assertThat(Files.readString(project.resolve("data/stamps/a"))).isEqualTo("x saved in r1");
        assertThat(Files.readString(project.resolve("data/stamps/b"))).isEqualTo("y saved in r1");
    }

    @Test
    void theRunALoadIsGivenReadsEveryPartitionEagerOrLazy() throws Exception {
        write("data/stamps/a", "x");
        PartitionedDataset ds = dataset(map("path", "data/stamps", "dataset", RunStampDataset.class.getName()));

        Map<?, ?> eager;
        Map<?, ?> lazy;
        try (RunContext.Scope threads = RunContext.enter(run("thread-run"))) {
            eager = (Map<?, ?>) ds.load(run("r2"), new TypeOf<Map<String, String>>() { }.type());
            lazy = (Map<?, ?>) ds.load(run("r3"), new TypeOf<Map<String, Supplier<String>>>() { }.type());
        }

        assertThat(eager.get("a")).isEqualTo("x, loaded in r2");
        assertThat(((Supplier<?>) lazy.get("a")).get()).isEqualTo("x, loaded in r3");
    }

    @Test
    void partitionsShareTheResourcesOfThePartitionedDataset() {
        Resources resources = new Resources("the test catalog");
        PartitionedDataset ds = new PartitionedDataset(DatasetConfig.of("trips", "partitioned",
                map("path", "data/trips", "dataset", "parquet", "filename_suffix", ".parquet"), project,
                resources));
        ds.save(Map.of("2024-01", List.of(new Review("Falcon", 5))));

        resources.close();

        assertThatThrownBy(() -> ds.load(new TypeOf<Map<String, List<Review>>>() { }.type()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The resources of the test catalog are closed: cannot use 'duckdb in-memory'");
    }
}
