package io.sluice.datasets.model;

import static io.sluice.datasets.TestConfigs.map;

import io.sluice.datasets.ExplicitRunTest;
import java.util.stream.Stream;

/** The model dataset works for the run it is given, like sluice-datasets' file datasets. */
class ModelExplicitRunTest extends ExplicitRunTest {
    @Override
    public Stream<Case> fileDatasets() {
        return Stream.of(new Case("model", ModelDataset::new, map("format", "java"), "model one", "model two"));
    }
}
