package io.sluice.datasets.sql;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A project made by a test: its pipelines and the config files written into a temp directory. */
record EngineProject(Map<String, Pipeline> pipelines) implements Project {
    static EngineProject of(Pipeline pipeline) {
        return new EngineProject(Map.of(Project.DEFAULT_PIPELINE, pipeline));
    }

    /** Writes {@code files} (relative path to content) under {@code dir}, then compiles a session. */
    Session compile(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Session.compile(this, new SessionOptions(dir, "local", Map.of(), false));
    }
}
