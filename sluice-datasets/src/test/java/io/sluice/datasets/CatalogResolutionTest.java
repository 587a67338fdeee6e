package io.sluice.datasets;

import static io.sluice.datasets.TestConfigs.catalog;
import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.datasets.files.BytesDataset;
import io.sluice.datasets.files.SerializedDataset;
import io.sluice.datasets.files.YamlDataset;
import io.sluice.datasets.partitioned.PartitionedDataset;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogResolutionTest {
    @TempDir
    Path project;

    @Test
    void everyTypeOfTheModuleResolvesByShortNameThroughServiceLoader() {
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "params", map("type", "yaml", "filepath", "conf/params.yml"),
                "legacy", map("type", "YAMLDataset", "filepath", "legacy.yml"),
                "image", map("type", "bytes", "filepath", "data/image.png"),
                "state", map("type", "serialized", "filepath", "data/state.bin"),
                "reviews", map("type", "PartitionedDataset", "path", "data/reviews", "dataset", "csv"))),
                null, project);

        assertThat(catalog.dataset("params")).isInstanceOf(YamlDataset.class);
        assertThat(catalog.dataset("legacy")).isInstanceOf(YamlDataset.class);
        assertThat(catalog.resolve("legacy").type()).isEqualTo("yaml");
        assertThat(catalog.dataset("image")).isInstanceOf(BytesDataset.class);
        assertThat(catalog.dataset("state")).isInstanceOf(SerializedDataset.class);
        assertThat(catalog.dataset("reviews")).isInstanceOf(PartitionedDataset.class);
        assertThat(catalog.dataset("reviews").describe().get("kind")).isEqualTo("data");
    }

    @Test
    void unknownKeysAreReportedWithTheirLocationAlsoInsideAPartitionedDatasetsEntry() {
        assertThatThrownBy(() -> DataCatalog.fromConfig(catalog(map(
                "params", map("type", "yaml", "filepath", "p.yml", "encodign", "UTF-8"),
                "reviews", map("type", "partitioned", "path", "data/reviews",
                        "dataset", map("type", "csv", "load_args", map("delimiter", ";"), "sep", ";")))),
                null, project))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessage(String.join("\n", List.of(
                        "conf/base/catalog.yml:4:3: dataset 'params' (type yaml) has unknown key 'encodign'. Known"
                                + " keys: checksum, encoding, filepath, versioned. Did you mean 'encoding'?",
                        // keys inside 'dataset' are located at the 'dataset' key
                        "conf/base/catalog.yml:8:3: dataset 'reviews[*]' (type csv) has unknown key 'sep'. Known"
                                + " keys: checksum, filepath, load_args, save_args, versioned.")));
    }

    @Test
    void anUnknownUnderlyingTypeIsReportedLikeACatalogType() {
        assertThatThrownBy(() -> DataCatalog.fromConfig(catalog(map(
                "reviews", map("type", "partitioned", "path", "data/reviews", "dataset", "jsonn"))), null, project))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageStartingWith("conf/base/catalog.yml:4:3: dataset 'reviews[*]' has type 'jsonn', which is"
                        + " not a known dataset type. Did you mean 'json'? Known types: api, bytes, csv, json, memory,"
                        + " parquet, partitioned, serialized, sql.Query, sql.Table, sql.TableRef, text, yaml.");
    }

    /** A user dataset named by class name, which reads credentials. */
    public static final class TokenFile implements Dataset<Object> {
        private final DatasetConfig config;
        private final Path path;
        private final String token;

        public TokenFile(DatasetConfig config) {
            this.config = config;
            this.path = config.path("filepath");
            this.token = String.valueOf(config.credentials().describe().size());
        }

        @Override
        public Object load() {
            return config.display(path) + " with " + token + " credential(s)";
        }

        @Override
        public void save(Object data) {
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return config.describe();
        }
    }

    @Test
    void partitionsOfAUserClassGetTheirCredentialsButDescribeNeverShowsThem() throws Exception {
        Files.createDirectories(project.resolve("data/tokens"));
        Files.writeString(project.resolve("data/tokens/a.tok"), "");
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "tokens", map("type", "partitioned", "path", "data/tokens", "filename_suffix", ".tok",
                        "dataset", map("type", TokenFile.class.getName(), "credentials", map("token", "s3cr3t"))))),
                null, project);

        @SuppressWarnings("unchecked")
        var partitions = (Map<String, Supplier<Object>>) catalog.dataset("tokens").load();
        assertThat(partitions.get("a").get()).isEqualTo("data/tokens/a.tok with 1 credential(s)");
        assertThat(catalog.dataset("tokens").describe().toString()).doesNotContain("s3cr3t");
        assertThat(catalog.dataset("tokens").describe().get("dataset"))
                .isEqualTo(map("type", TokenFile.class.getName(), "credentials", "****"));
    }
}
