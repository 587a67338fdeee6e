package io.sluice.datasets.sql;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineType;

/** Registers {@link JdbcEngine} as {@code jdbc} in {@code engines.yml}. */
public final class JdbcEngineType implements EngineType {
    @Override
    public String name() {
        return JdbcEngine.TYPE;
    }

    @Override
    public Engine<?> create(EngineConfig config) {
        return new JdbcEngine(config);
    }
}
