package io.sluice.datasets.http;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetType;
import java.util.List;

/** Registers {@link ApiDataset} as {@code api} ({@code APIDataset}, Kedro's name). */
public final class ApiDatasetType implements DatasetType {
    @Override
    public String name() {
        return ApiDataset.TYPE;
    }

    @Override
    public List<String> aliases() {
        return List.of("APIDataset", "api.APIDataset");
    }

    @Override
    public Dataset<?> create(DatasetConfig config) {
        return new ApiDataset(config);
    }
}
