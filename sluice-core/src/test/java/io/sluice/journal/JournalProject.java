package io.sluice.journal;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A project of the journal tests: its pipelines inline, its directory a temp dir with an empty conf/. */
record JournalProject(Map<String, Pipeline> pipelines) implements Project {

    /** Compiles a session of {@code pipelines} over {@code dir} (conf/ made if missing). */
    static Session session(Path dir, Map<String, Pipeline> pipelines) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Session.compile(new JournalProject(pipelines), new SessionOptions(dir, "local", Map.of()));
    }
}
