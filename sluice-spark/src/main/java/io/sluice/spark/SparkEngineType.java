package io.sluice.spark;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineType;

/** Registers {@link SparkEngine} as {@code spark} in {@code engines.yml}. */
public final class SparkEngineType implements EngineType {
    @Override
    public String name() {
        return SparkEngine.TYPE;
    }

    @Override
    public Engine<?> create(EngineConfig config) {
        return new SparkEngine(config);
    }
}
