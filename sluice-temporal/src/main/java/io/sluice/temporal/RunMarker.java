package io.sluice.temporal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.SluiceException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The note that run R is a Temporal run, beside its journal parts:
 * {@code .sluice/runs/R/temporal.json} with the runner entry and environment the client used, so that
 * {@code sluice runs show R} and {@code sluice runs cancel R} find the workflow. Written atomically
 * by the client before it starts the workflow.
 *
 * @param entry     the runner entry's name
 * @param env       the environment the run was started in
 * @param address   the frontend's address (informative: the entry is read again to connect)
 * @param namespace the namespace
 * @param taskQueue the task queue
 */
public record RunMarker(String entry, String env, String address, String namespace, String taskQueue) {
    /** The file's name in a run's directory. */
    public static final String FILE = "temporal.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The marker of run {@code runId} of the project at {@code projectDir}, if it is a Temporal run. */
    public static Optional<RunMarker> read(Path projectDir, String runId) {
        Path f = file(projectDir, runId);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), RunMarker.class));
        } catch (IOException e) {
            throw new SluiceException("Cannot read " + f + ": " + e.getMessage() + ". It notes that run " + runId
                    + " runs on Temporal; delete it if the run is not a Temporal run.", e);
        }
    }

    /** Writes the marker (replacing one of an earlier launch of the same run id). */
    void write(Path projectDir, String runId) {
        Path f = file(projectDir, runId);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), FILE, ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), this);
                try {
                    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static Path file(Path projectDir, String runId) {
        return new io.sluice.journal.JournalStore(projectDir).runDirectory(runId).resolve(FILE);
    }
}
