package io.sluice.io;

import static io.sluice.io.TestConfigs.catalog;
import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.resource.Resources;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogResourcesTest {
    @TempDir
    Path project;

    private DataCatalog twoPooledEntries() {
        return DataCatalog.fromConfig(catalog(map(
                "a", map("type", PooledDataset.class.getName()),
                "b", map("type", PooledDataset.class.getName()))), null, project);
    }

    @Test
    void theDatasetsOfOneCatalogShareItsResources() {
        DataCatalog catalog = twoPooledEntries();

        assertThat(catalog.dataset("a").load()).isSameAs(catalog.dataset("b").load());
    }

    @Test
    void twoCatalogsHaveResourcesOfTheirOwn() {
        DataCatalog first = twoPooledEntries();
        DataCatalog second = twoPooledEntries();

        assertThat(first.dataset("a").load()).isNotSameAs(second.dataset("a").load());
    }

    @Test
    void closingTheCatalogClosesItsResourcesAndLaterUseSaysSo() {
        DataCatalog catalog = twoPooledEntries();
        PooledDataset.Pool pool = (PooledDataset.Pool) catalog.dataset("a").load();

        catalog.close();

        assertThat(pool.isClosed()).isTrue();
        assertThatThrownBy(() -> catalog.dataset("b").load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The resources of the catalog of " + project.toAbsolutePath().normalize()
                        + " are closed: cannot use 'pool'");
    }

    @Test
    void aCatalogWithADatasetAddedSharesTheResourcesOfTheOneItCameFrom() {
        DataCatalog catalog = twoPooledEntries();
        DataCatalog extended = catalog.withDataset("extra", new MemoryDataset<>("extra", null));

        assertThat(extended.dataset("a").load()).isSameAs(catalog.dataset("a").load());
    }

    @Test
    void aCatalogThatFailsToBuildClosesWhatItsDatasetsOpenedMeanwhile() {
        assertThatThrownBy(() -> DataCatalog.fromConfig(catalog(map(
                "eager", map("type", PooledDataset.class.getName(), "open_now", true),
                "broken", map("type", "csv", "fielpath", "x.csv"))), null, project))
                .isInstanceOf(DatasetConfigException.class)
                .hasMessageContaining("unknown key 'fielpath'");

        assertThat(PooledDataset.OPENED_EAGERLY.get(project.toAbsolutePath().normalize()).isClosed()).isTrue();
    }

    @Test
    void aConfigBuiltInCodeHasARegistryOfItsOwnUnlessItIsGivenOne() {
        Resources given = new Resources("test");
        DatasetConfig first = DatasetConfig.of("a", "x", Map.of(), project);
        DatasetConfig second = DatasetConfig.of("b", "x", Map.of(), project);
        DatasetConfig sharing = DatasetConfig.of("c", "x", Map.of(), project, given);

        assertThat(first.resources()).isNotSameAs(second.resources());
        assertThat(sharing.resources()).isSameAs(given);
        assertThat(sharing.section("load_args").resources()).isSameAs(given);
    }
}
