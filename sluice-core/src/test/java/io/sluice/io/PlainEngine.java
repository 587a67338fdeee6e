package io.sluice.io;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;

/** An engine that stores nothing: what a file dataset's storage must not name. */
public final class PlainEngine extends Engine<String> {
    public PlainEngine(EngineConfig config) {
        super(config, String.class);
    }

    @Override
    protected String create() {
        return "plain";
    }
}
