package io.sluice.server;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A test engine whose backend is up while the file {@code up_file} (relative to the project) exists. */
public final class FileSwitchEngine extends Engine<Path> {
    record Options(String upFile) {
    }

    private final Path file;

    public FileSwitchEngine(EngineConfig config) {
        super(config, Path.class);
        this.file = config.projectDir().resolve(config.bind(Options.class, new Options(null)).upFile());
    }

    @Override
    protected Path create() {
        return file;
    }

    @Override
    protected void check(Path client, Duration timeout) throws Exception {
        if (!Files.exists(client)) {
            throw new java.io.IOException("backend down: " + client.getFileName() + " is missing");
        }
    }
}
