package io.sluice.datasets.http;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineType;

/** Registers {@link HttpEngine} as {@code http} in {@code engines.yml}. */
public final class HttpEngineType implements EngineType {
    @Override
    public String name() {
        return HttpEngine.TYPE;
    }

    @Override
    public Engine<?> create(EngineConfig config) {
        return new HttpEngine(config);
    }
}
