package io.sluice.deploy;

import io.sluice.io.ArtifactKind;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import java.util.Map;

/** A persisted dataset that says it holds a trained model, as sluice-datasets' model dataset does. */
public final class ModelFile implements Dataset<Object> {
    private final String filepath;

    public ModelFile(DatasetConfig config) {
        filepath = config.string("filepath");
    }

    @Override
    public Object load() {
        return 0;
    }

    @Override
    public void save(Object data) {
        throw new UnsupportedOperationException("the export tests never run the pipeline");
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", ModelFile.class.getName(), "filepath", filepath);
    }

    @Override
    public ArtifactKind artifactKind() {
        return ArtifactKind.MODEL;
    }
}
