package io.sluice.session;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A project defined inline by a test, with its config files written to a temp directory (the
 * core's tests of every package use it).
 */
public record TestProject(Map<String, Pipeline> pipelines, List<Hook> hooks) implements Project {

    public static TestProject of(Pipeline pipeline, Hook... hooks) {
        return new TestProject(Map.of(Project.DEFAULT_PIPELINE, pipeline), List.of(hooks));
    }

    /** Writes {@code files} (path relative to {@code dir} → content) and returns {@code dir}. */
    public static Path write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Session session(Path dir, Project project) {
        return Session.compile(project, new SessionOptions(dir, "local", Map.of()));
    }
}
