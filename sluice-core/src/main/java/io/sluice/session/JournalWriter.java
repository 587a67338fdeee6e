package io.sluice.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.SluiceException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes run journals to {@code <project>/.sluice/runs/<run-id>.json}, atomically. */
final class JournalWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path directory;

    JournalWriter(Path projectDir) {
        this.directory = projectDir.resolve(".sluice").resolve("runs");
    }

    /** The journal file of {@code runId}. */
    Path fileOf(String runId) {
        return directory.resolve(runId + ".json");
    }

    void write(RunJournal journal) {
        Path target = fileOf(journal.runId());
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + journal.runId(), ".tmp");
            JSON.writeValue(temp.toFile(), journal);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot write the run journal " + target + ": " + e.getMessage()
                    + ". Check that the project directory is writable.", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move succeeded or the failure was already reported
                }
            }
        }
    }

    /** Reads a journal back (used by resume and tests). */
    static RunJournal read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunJournal.class);
        } catch (IOException e) {
            throw new SluiceException("Cannot read run journal " + file + ": " + e.getMessage(), e);
        }
    }
}
