package io.sluice.bench;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds throw-away projects (an empty {@code conf/base}) around generated pipelines. */
final class BenchProjects {
    private BenchProjects() {
    }

    static Session session(Pipeline pipeline) {
        return session(pipeline, "");
    }

    /** A session whose {@code conf/base/parameters.yml} holds {@code parameters}. */
    static Session session(Pipeline pipeline, String parameters) {
        return session(pipeline, Map.of("conf/base/parameters.yml", parameters));
    }

    /** A session whose project holds {@code files} (path relative to the project → content). */
    static Session session(Pipeline pipeline, Map<String, String> files) {
        try {
            Path dir = Files.createTempDirectory("sluice-bench");
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            Project project = () -> Map.of(Project.DEFAULT_PIPELINE, pipeline);
            return Session.compile(project, new SessionOptions(dir, "local", Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
