package io.sluice.s3;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineType;

/** Registers {@link S3Engine} as {@code s3} in {@code engines.yml}. */
public final class S3EngineType implements EngineType {
    @Override
    public String name() {
        return S3Engine.TYPE;
    }

    @Override
    public Engine<?> create(EngineConfig config) {
        return new S3Engine(config);
    }
}
