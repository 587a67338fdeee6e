package io.sluice.datasets.model;

import static io.sluice.datasets.TestConfigs.catalog;
import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.DataCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: model} resolves through ServiceLoader once this module is on the class path. */
class ModelCatalogTest {
    @TempDir
    Path project;

    @Test
    void theModelTypeResolvesByShortName() {
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "regressor", map("type", "model", "filepath", "data/06_models/regressor.onnx", "versioned", true))),
                null, project);

        assertThat(catalog.dataset("regressor")).isInstanceOf(ModelDataset.class);
        assertThat(catalog.dataset("regressor").isVersioned()).isTrue();
        assertThat(catalog.dataset("regressor").describe().get("kind")).isEqualTo("model");
    }

    @Test
    void datasetFactoriesStampOutModels() {
        DataCatalog catalog = DataCatalog.fromConfig(catalog(map(
                "{name}_model", map("type", "model", "filepath", "data/06_models/{name}.onnx"))), null, project);

        assertThat(catalog.dataset("churn_model").describe())
                .isEqualTo(map("type", "model", "kind", "model", "filepath", "data/06_models/churn.onnx",
                        "format", "onnx"));
    }
}
