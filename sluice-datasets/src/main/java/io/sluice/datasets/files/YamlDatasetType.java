package io.sluice.datasets.files;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link YamlDataset} as {@code type: yaml}. */
public final class YamlDatasetType implements DatasetType {
    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public List<String> aliases() {
        return List.of("YAMLDataset", "YamlDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new YamlDataset(config);
    }
}
