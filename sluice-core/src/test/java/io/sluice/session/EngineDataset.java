package io.sluice.session;

import io.sluice.engine.Engine;
import io.sluice.engine.CountingEngine;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import java.util.Map;

/** A user dataset that names an engine ({@code engine: warehouse}) and loads its client's label. */
public final class EngineDataset implements Dataset<String> {
    private final Engine<? extends CountingEngine.Client> engine;

    public EngineDataset(DatasetConfig config) {
        this.engine = config.engine("engine", CountingEngine.Client.class);
    }

    @Override
    public String load() {
        return engine.get().label();
    }

    @Override
    public void save(String data) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", EngineDataset.class.getName(), "engine", engine.name());
    }
}
