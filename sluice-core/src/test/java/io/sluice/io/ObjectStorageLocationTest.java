package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigYaml;
import io.sluice.engine.EngineCatalog;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File datasets whose filepath is a URL, through a storage engine: the object-storage path of
 * {@link FileLocation}, on {@link LocalStorage} (the contract's reference, no server needed).
 */
class ObjectStorageLocationTest {
    private static final String ENGINES = "store:\n  type: io.sluice.io.FolderStorageEngine\n  root: objects\n"
            + "other:\n  type: io.sluice.io.PlainEngine\n";

    @TempDir
    Path dir;

    private EngineCatalog engines() {
        return EngineCatalog.fromConfig((ConfigMap) ConfigYaml.parse(ENGINES, "conf/base/engines.yml"), null, dir,
                "local", getClass().getClassLoader());
    }

    private DataCatalog catalog(EngineCatalog engines, String yaml) {
        return DataCatalog.fromConfig((ConfigMap) ConfigYaml.parse(yaml, "conf/base/catalog.yml"), null, dir, engines);
    }

    @SuppressWarnings("unchecked")
    private static <T> Dataset<T> dataset(DataCatalog catalog, String name) {
        return (Dataset<T>) catalog.dataset(name);
    }

    private static RunContext run(Path dir, String id) {
        return new RunContext(id, null, "local", Map.of(), dir, Map.of());
    }

    @Test
    void aSaveWritesTheObjectAndThenItsRecordAndALoadReadsItBack() throws IOException {
        try (EngineCatalog engines = engines();
             DataCatalog catalog = catalog(engines, "rows:\n  type: csv\n  filepath: folder://b/raw/rows.csv\n"
                     + "  storage: store\n")) {
            Dataset<List<?>> rows = dataset(catalog, "rows");
            rows.save(List.of(Map.of("a", "1")));

            assertThat(Files.readString(dir.resolve("objects/b/raw/rows.csv"))).isEqualTo("a\n1\n");
            assertThat(Files.readString(dir.resolve("objects/b/raw/.rows.csv.sluice"))).contains("\"size\" : 4");
            assertThat(rows.load()).isEqualTo(List.of(Map.of("a", "1")));
            assertThat(catalog.enginesOf("rows")).containsExactly("store");
        }
    }

    @Test
    void theClientIsCreatedOnceAtTheFirstReadOrWrite() {
        try (EngineCatalog engines = engines();
             DataCatalog catalog = catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"
                     + "  storage: store\n")) {
            FolderStorageEngine store = (FolderStorageEngine) engines.find("store").orElseThrow();
            assertThat(store.created).hasValue(0);
            dataset(catalog, "t").save("x");
            dataset(catalog, "t").load();
            dataset(catalog, "t").exists();
            assertThat(store.created).as("one client for every read and write").hasValue(1);
            assertThat(engines.created()).containsEntry("store", true);
        }
    }

    @Test
    void aChangedObjectFailsItsLoadNamingTheUrlsNotTheLocalPaths() throws IOException {
        try (EngineCatalog engines = engines();
             DataCatalog catalog = catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"
                     + "  storage: store\n")) {
            Dataset<String> t = dataset(catalog, "t");
            t.save("original");
            Files.writeString(dir.resolve("objects/b/t.txt"), "changed!");

            assertThatThrownBy(t::load)
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageStartingWith("dataset 't' (text): folder://b/t.txt does not match its checksum record"
                            + " folder://b/.t.txt.sluice")
                    .hasMessageNotContaining(".sluice/objects");
        }
    }

    @Test
    void aParseErrorNamesTheObjectByItsUrl() {
        try (EngineCatalog engines = engines();
             DataCatalog catalog = catalog(engines, "doc:\n  type: json\n  filepath: folder://b/doc.json\n"
                     + "  storage: store\n"
                     + "raw:\n  type: text\n  filepath: folder://b/doc.json\n  storage: store\n")) {
            dataset(catalog, "raw").save("{not json");
            assertThatThrownBy(() -> dataset(catalog, "doc").load())
                    .hasMessageContaining("folder://b/doc.json is not valid JSON");
        }
    }

    @Test
    void versionedSavesCreateNewKeysAndNeverOverwriteOne() {
        try (EngineCatalog engines = engines();
             DataCatalog catalog = catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"
                     + "  storage: store\n  versioned: true\n")) {
            Dataset<String> t = dataset(catalog, "t");
            t.save(run(dir, "v1"), "one");
            t.save(run(dir, "v2"), "two");

            assertThat(t.versions()).containsExactly("v1", "v2");
            assertThat(Files.isRegularFile(dir.resolve("objects/b/t.txt/v1/t.txt"))).isTrue();
            assertThat(t.load(new RunContext("v3", null, "local", Map.of(), dir, Map.of("t", "v1")), String.class))
                    .isEqualTo("one");
            assertThatThrownBy(() -> t.save(run(dir, "v2"), "again")).hasMessageContaining("already exists");
        }
    }

    @Test
    void aUrlWithoutStorageIsAConfigErrorAtTheFilepathListingStorageEngines() {
        try (EngineCatalog engines = engines()) {
            assertThatThrownBy(() -> catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"))
                    .isInstanceOf(DatasetConfigException.class)
                    .hasMessageContaining("conf/base/catalog.yml:3:")
                    .hasMessageContaining("filepath is a folder:// URL")
                    .hasMessageContaining("add 'storage: <engine>'")
                    .hasMessageContaining("Engines storing folder:// objects: store.");
        }
    }

    @Test
    void storageNamingAnUnknownOrNonStorageEngineIsAConfigErrorAtTheKey() {
        try (EngineCatalog engines = engines()) {
            assertThatThrownBy(() -> catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"
                    + "  storage: stor\n"))
                    .isInstanceOf(DatasetConfigException.class)
                    .hasMessageContaining("conf/base/catalog.yml:4:")
                    .hasMessageContaining("Did you mean 'store'?");
            assertThatThrownBy(() -> catalog(engines, "t:\n  type: text\n  filepath: folder://b/t.txt\n"
                    + "  storage: other\n"))
                    .isInstanceOf(DatasetConfigException.class)
                    .hasMessageContaining("conf/base/catalog.yml:4:")
                    .hasMessageContaining("stores no folder:// objects");
        }
    }

    @Test
    void aUrlWithoutAKeyIsRefused() {
        try (EngineCatalog engines = engines()) {
            assertThatThrownBy(() -> catalog(engines, "t:\n  type: text\n  filepath: folder://b\n  storage: store\n"))
                    .isInstanceOf(DatasetConfigException.class)
                    .hasMessageContaining("conf/base/catalog.yml:3:")
                    .hasMessageContaining("needs a bucket and a key");
        }
    }

    @Test
    void aWriteWhoseBodyFailsLeavesThePreviousObject() throws IOException {
        LocalStorage storage = new LocalStorage("folder", dir, "test storage");
        storage.write("folder://b/x", out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> storage.write("folder://b/x", out -> {
            out.write("new, partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("the body failed");
        })).hasMessage("the body failed");

        try (var in = storage.open("folder://b/x")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old");
        }
        assertThat(storage.list("folder://b/")).containsExactly("folder://b/x");
        assertThatThrownBy(() -> storage.open("folder://b/missing")).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
