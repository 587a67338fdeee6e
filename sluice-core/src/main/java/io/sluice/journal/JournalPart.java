package io.sluice.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.SluiceException;
import io.sluice.run.ProcessIdentity;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import io.sluice.run.RunTimes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The journal part of one run (or one group of it) being written: a JSON-lines file that grows by
 * one complete line per event — the start, each node as it finishes, the end. Each line is handed
 * to the kernel in one write, so a process killed at any moment leaves every earlier line intact
 * and at worst a last line without its newline, which readers ignore. The part holds the file's
 * lock until it is closed, so no second run writes the same part meanwhile. Thread-safe: nodes of
 * a parallel run report from their own threads.
 */
public final class JournalPart implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    /** On the part's lock file, held while the run writes (see JournalStore). */
    private final FileLock lock;
    private boolean closed;

    JournalPart(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The part's file. */
    public Path file() {
        return file;
    }

    synchronized void started(int attempt, RunSpec spec, String runner, String gitCommit, String structureHash,
                              Map<String, String> nodeHashes, ProcessIdentity process, Instant at,
                              List<String> nodes, List<String> groups, RunJournal.ConfigUsed config) {
        ObjectNode o = JournalJson.object();
        o.put("event", "started");
        o.put("attempt", attempt);
        o.put("at", RunTimes.format(at));
        o.set("spec", JournalJson.spec(spec));
        o.put("runner", runner);
        o.put("git_commit", gitCommit);
        o.put("structure_hash", structureHash);
        if (!nodeHashes.isEmpty()) {
            ObjectNode hashes = o.putObject("node_hashes");
            nodeHashes.forEach(hashes::put);
        }
        o.put("host", process.host());
        o.put("pid", process.pid());
        o.put("process_started", process.started() == null ? null : RunTimes.format(process.started()));
        ArrayNode names = o.putArray("nodes");
        nodes.forEach(names::add);
        if (!groups.isEmpty()) {
            ArrayNode ids = o.putArray("groups");
            groups.forEach(ids::add);
        }
        if (!config.equals(RunJournal.ConfigUsed.PROJECT)) {
            ObjectNode c = o.putObject("config");
            c.put("source", config.source());
            c.put("overrides", config.overrides());
        }
        append(o);
    }

    /** Records that a node finished (completed or failed), with the versions it wrote. */
    public synchronized void node(RunJournal.NodeRecord node, Map<String, String> versions) {
        ObjectNode o = JournalJson.object();
        o.put("event", "node");
        o.setAll(JournalJson.node(node));
        JournalJson.putVersions(o, versions);
        append(o);
    }

    /** Records the end of the run and closes the file. */
    public synchronized void finished(RunState state, String error, RunSpec resume, Instant at) {
        ObjectNode o = JournalJson.object();
        o.put("event", "finished");
        o.put("at", RunTimes.format(at));
        o.put("state", state.jsonName());
        o.put("error", error);
        if (resume != null) {
            o.set("resume", JournalJson.spec(resume));
        }
        append(o);
        close();
    }

    private void append(ObjectNode event) {
        if (closed) {
            throw new IllegalStateException("journal part " + file + " is closed");
        }
        ByteBuffer line = ByteBuffer.wrap((event.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot write the run journal " + file + ": " + e.getMessage()
                    + ". Check that the disk has room and the project directory is writable.", e);
        }
    }

    /** Closes the file without recording an end (the run will read as interrupted). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                channel.close();
                lock.release();
                lock.channel().close();
            } catch (IOException ignored) {
                // every line was already handed to the kernel
            }
        }
    }
}
