package io.sluice.io;

import static io.sluice.io.TestConfigs.catalog;
import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.MemoryDataset.CopyMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryDatasetTest {
    record Point(int x, int y) {
    }

    static final class Box {
        int value;
    }

    @Test
    void immutableValuesAreAssignedWithoutCopying() {
        MemoryDataset<Object> ds = new MemoryDataset<>("d", null);
        List<String> list = List.of("a");
        Point point = new Point(1, 2);

        ds.save(list);
        assertThat(ds.load()).isSameAs(list);
        ds.save(point);
        assertThat(ds.load()).isSameAs(point);
        assertThat(MemoryDataset.defaultMode(Map.of("k", 1))).isEqualTo(CopyMode.ASSIGN);
        assertThat(MemoryDataset.defaultMode("text")).isEqualTo(CopyMode.ASSIGN);
        assertThat(MemoryDataset.defaultMode(java.time.LocalDate.of(2024, 1, 1))).isEqualTo(CopyMode.ASSIGN);
    }

    @Test
    void mutableCollectionsAreCopiedByDefaultOnSaveAndOnLoad() {
        MemoryDataset<List<String>> ds = new MemoryDataset<>("d", null);
        List<String> saved = new ArrayList<>(List.of("a"));

        ds.save(saved);
        saved.add("changed after save");
        List<String> loaded = ds.load();
        loaded.add("changed after load");

        assertThat(ds.load()).containsExactly("a");
        assertThat(MemoryDataset.defaultMode(new HashMap<>())).isEqualTo(CopyMode.COPY);
        assertThat(MemoryDataset.defaultMode(new int[] {1})).isEqualTo(CopyMode.COPY);
    }

    @Test
    void assignModeSharesTheInstance() {
        MemoryDataset<List<String>> ds = new MemoryDataset<>("d", CopyMode.ASSIGN);
        List<String> saved = new ArrayList<>(List.of("a"));

        ds.save(saved);
        saved.add("b");

        assertThat(ds.load()).isSameAs(saved).containsExactly("a", "b");
    }

    @Test
    void copyModeIsShallowAndDeepcopyModeIsDeep() {
        List<List<String>> nested = new ArrayList<>(List.of(new ArrayList<>(List.of("a"))));
        MemoryDataset<List<List<String>>> shallow = new MemoryDataset<>("s", CopyMode.COPY);
        MemoryDataset<List<List<String>>> deep = new MemoryDataset<>("d", CopyMode.DEEPCOPY);

        shallow.save(nested);
        deep.save(nested);
        nested.get(0).add("inner change");
        nested.add(new ArrayList<>());

        assertThat(shallow.load()).containsExactly(List.of("a", "inner change"));
        assertThat(deep.load()).containsExactly(List.of("a"));
    }

    @Test
    void deepcopyOfANonSerializableValueFailsClearly() {
        MemoryDataset<Object> ds = new MemoryDataset<>("model", CopyMode.DEEPCOPY);

        assertThatThrownBy(() -> ds.save(new Box())).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'model' (memory): copy_mode deepcopy cannot copy a"
                        + " io.sluice.io.MemoryDatasetTest$Box: java.io.NotSerializableException");
    }

    @Test
    void copyOfAnObjectThatIsNotACollectionFailsClearly() {
        MemoryDataset<Object> ds = new MemoryDataset<>("model", CopyMode.COPY);

        assertThatThrownBy(() -> ds.save(new Box())).hasMessage("dataset 'model' (memory): copy_mode copy cannot copy"
                + " a io.sluice.io.MemoryDatasetTest$Box; it copies collections, maps and arrays. Use copy_mode"
                + " deepcopy (for a Serializable value) or assign.");
    }

    @Test
    void loadingBeforeSavingFails() {
        assertThatThrownBy(() -> new MemoryDataset<>("model_input", null).load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'model_input' (memory): no data has been saved yet. Check that a node outputs it"
                        + " before it is loaded, or declare it in the catalog.");
    }

    @Test
    void emptyCopyKeepsTheModeButNotTheData() {
        MemoryDataset<String> ds = new MemoryDataset<>("d", CopyMode.DEEPCOPY);
        ds.save("x");

        MemoryDataset<String> copy = ds.emptyCopy();

        assertThat(copy.copyMode()).isEqualTo(CopyMode.DEEPCOPY);
        assertThat(copy.exists()).isFalse();
        assertThat(ds.exists()).isTrue();
        assertThat(copy.isPersistent()).isFalse();
    }

    @Test
    void releaseForgetsTheValue() {
        MemoryDataset<String> ds = MemoryDataset.of("d", "x");

        ds.release();

        assertThat(ds.exists()).isFalse();
    }

    @Test
    void loadingAsAnIncompatibleTypeNamesBothTypes() {
        MemoryDataset<Object> ds = MemoryDataset.of("d", "text");

        assertThat(ds.load(String.class)).isEqualTo("text");
        assertThatThrownBy(() -> ds.load(Integer.class))
                .hasMessage("dataset 'd' (memory) holds a java.lang.String, which cannot be passed as Integer.");
    }

    @Test
    void anUnknownCopyModeInTheCatalogIsReported() {
        assertThatThrownBy(() -> DataCatalog.fromConfig(catalog(map("d", map("type", "memory", "copy_mode", "clone"))),
                null, Path.of(".")))
                .hasMessage("conf/base/catalog.yml:3:3: dataset 'd' (type memory): copy_mode 'clone' is not one of"
                        + " assign, copy, deepcopy.");
    }
}
