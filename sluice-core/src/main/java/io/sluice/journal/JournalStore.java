package io.sluice.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.SluiceException;
import io.sluice.run.NodeState;
import io.sluice.run.ProcessIdentity;
import io.sluice.run.RunIds;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run journals of a project: {@code .sluice/runs/<run-id>/<group>.jsonl}, one part per
 * (run id, group) — {@value RunJournal#WHOLE_RUN} for a run without groups — so that the groups
 * of one run, run by different processes or machines sharing the project directory, never
 * overwrite each other. Parts are written as the run goes ({@link JournalPart}) and merged into
 * one {@link RunJournal} when read.
 *
 * <p>A second run of the same run id and group appends a new attempt to the same part; the view
 * shows the latest attempt ({@code Session.resume} copies the nodes it skips into its attempt, so
 * that the latest one tells the whole run). A part that never recorded its end is {@link RunState#RUNNING} while
 * the process that wrote it is alive, {@link RunState#INTERRUPTED} once it is gone.
 */
public final class JournalStore {
    private static final Logger LOG = LoggerFactory.getLogger(JournalStore.class);
    private static final String PART_SUFFIX = ".jsonl";
    private static final String LOCK_SUFFIX = ".lock";
    private final Path directory;
    private final ProcessIdentity process;
    private final String gitCommit;
    private final RunJournal.ConfigUsed config;

    /** The journals of the project at {@code projectDir}, of runs that read its own {@code conf/}. */
    public JournalStore(Path projectDir) {
        this(projectDir, RunJournal.ConfigUsed.PROJECT);
    }

    /** The journals of the project at {@code projectDir}; the parts it opens record {@code config}. */
    public JournalStore(Path projectDir, RunJournal.ConfigUsed config) {
        this.directory = projectDir.toAbsolutePath().normalize().resolve(".sluice").resolve("runs");
        this.process = ProcessIdentity.CURRENT;
        this.gitCommit = GitCommit.of(projectDir);
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** The config the parts this store opens record. */
    public RunJournal.ConfigUsed config() {
        return config;
    }

    /** The project's git commit when this store was opened, or {@code null} outside a git checkout. */
    public String gitCommit() {
        return gitCommit;
    }

    /** The host name recorded in the parts this process writes. */
    public String host() {
        return process.host();
    }

    /** {@code .sluice/runs} under the project. */
    public Path directory() {
        return directory;
    }

    /** The directory of a run's parts. */
    public Path runDirectory(String runId) {
        return directory.resolve(RunIds.validate(runId));
    }

    /** The file of one part. */
    public Path partFile(String runId, String group) {
        return runDirectory(runId).resolve(RunIds.validateGroup(group) + PART_SUFFIX);
    }

    /**
     * Starts the part of {@code spec} (its run id set; its group, or the whole run) and records
     * its start. The caller records each node and the end on the returned part.
     *
     * @param runner        the runner's name
     * @param structureHash the structure hash of the selected nodes
     * @param nodeHashes    the structure hash of each selected node, by name
     * @param nodes         the selected nodes in execution order (all start as not run)
     * @throws SluiceException when the journal directory cannot be written
     */
    public JournalPart open(RunSpec spec, String runner, String structureHash, Map<String, String> nodeHashes,
                            List<String> nodes, Instant at) {
        return open(spec, runner, structureHash, nodeHashes, nodes, at, List.of());
    }

    /**
     * {@link #open(RunSpec, String, String, Map, List, Instant)} of a part of a group run.
     *
     * @param groups the ids of every group of the grouping the part's group belongs to (recorded
     *               so that the run's view names the groups not run yet); empty for none
     */
    public JournalPart open(RunSpec spec, String runner, String structureHash, Map<String, String> nodeHashes,
                            List<String> nodes, Instant at, List<String> groups) {
        String group = spec.group() == null ? RunJournal.WHOLE_RUN : spec.group();
        Path file = partFile(spec.runId(), group);
        try {
            Files.createDirectories(file.getParent());
            FileLock lock = lockForWriting(lockFile(file), spec.runId(), group);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                lock.channel().close();
                throw e;
            }
            JournalPart part = new JournalPart(file, channel, lock);
            try {
                int attempt = earlierAttempts(file, channel) + 1;
                part.started(attempt, spec, runner, gitCommit, structureHash, nodeHashes, process, at, nodes, groups,
                        config);
            } catch (IOException | RuntimeException e) {
                part.close();
                throw e;
            }
            return part;
        } catch (IOException e) {
            throw new SluiceException("Cannot write the run journal " + file + ": " + e.getMessage()
                    + ". Check that the project directory is writable.", e);
        }
    }

    /**
     * Takes the part's lock for the life of the run: one writer per (run id, group), in this
     * process or any other sharing the directory; readers in other processes tell a part still
     * being written from one whose process died by this lock ({@link #beingWritten}). The
     * operating system drops the lock with the process, however it ends.
     *
     * <p>The lock is on a file of its own ({@code <group>.lock}) that nothing else opens: on POSIX
     * systems closing any descriptor of a file releases every lock the process holds on it, so
     * locking the part itself would be undone by the first read of the journal in this process.
     *
     * @throws SluiceException when another run holds it
     */
    private static FileLock lockForWriting(Path lockFile, String runId, String group) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // a run of this process writes the part already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new SluiceException("Run " + runId + (RunJournal.WHOLE_RUN.equals(group) ? "" : ", group " + group)
                    + " is being run right now by another run (the lock " + lockFile + " is held). Give this run "
                    + "another run id, or wait until the other one ends.");
        }
        return lock;
    }

    private static Path lockFile(Path part) {
        String name = part.getFileName().toString();
        return part.resolveSibling(name.substring(0, name.length() - PART_SUFFIX.length()) + LOCK_SUFFIX);
    }

    /**
     * Whether another process still holds the lock of a part: {@code null} when it cannot tell
     * (no lock file, or a file system without locks), so that the caller falls back to the
     * writer's process id. Never asked about parts of this process: opening their lock file here
     * and closing it again would release the writer's lock (see {@link #lockForWriting}).
     */
    private static Boolean beingWritten(Path part) {
        Path lockFile = lockFile(part);
        if (!Files.exists(lockFile)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * The attempts already recorded in a part being reopened. A torn last line (the earlier
     * process died while writing it) is cut off first: appended to, it would join the new
     * attempt's first line into one malformed line in the middle of the file.
     */
    private static int earlierAttempts(Path file, FileChannel channel) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = bytes.length;
        while (complete > 0 && bytes[complete - 1] != '\n') {
            complete--;
        }
        if (complete < bytes.length) {
            channel.truncate(complete);
        }
        int n = 0;
        for (String line : new String(bytes, 0, complete, StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"event\":\"started\"")) {
                n++;
            }
        }
        return n;
    }

    /** The merged journal of {@code runId}, or empty when no part of it exists. */
    public Optional<RunJournal> read(String runId) {
        Path dir = runDirectory(runId);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<RunJournal.Part> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(PART_SUFFIX)).sorted().toList()) {
                readPart(f).ifPresent(parts::add);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SluiceException("Cannot read the journal of run " + runId + " in " + dir + ": " + e.getMessage(), e);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(RunJournal.merge(runId, parts));
    }

    /** Every run with a journal, newest first (by start time, then run id). */
    public List<RunJournal> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<RunJournal> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(directory)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String id = d.getFileName().toString();
                if (RunIds.isSafeName(id)) {
                    try {
                        read(id).ifPresent(runs::add);
                    } catch (SluiceException e) {
                        // one damaged journal must not hide every other run
                        LOG.warn("Run {} is left out of the list: {}", id, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new SluiceException("Cannot list the run journals in " + directory + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunJournal::startedAt, RunJournal.TIME_ORDER)
                .thenComparing(RunJournal::runId).reversed());
        return runs;
    }

    /**
     * When each persisted dataset was last saved by a run with a journal: the end of the latest
     * completed node that saved it, over every run and group (a part's latest attempt). Runs
     * killed half-way count too — that is the point: their saves may have made older outputs
     * downstream stale.
     */
    public Map<String, Instant> lastSaved() {
        Map<String, Instant> last = new LinkedHashMap<>();
        for (RunJournal run : list()) {
            for (RunJournal.NodeRecord n : run.nodes()) {
                if (n.state() == NodeState.COMPLETED && !n.saved().isEmpty() && n.startedAt() != null) {
                    Instant end = n.endedAt();
                    n.saved().forEach(d -> last.merge(d, end, (a, b) -> a.isAfter(b) ? a : b));
                }
            }
        }
        return last;
    }

    /** The merged view as indented JSON (snake_case fields, lower-case states). */
    public static String toJson(RunJournal journal) {
        return JournalJson.view(journal);
    }

    /**
     * Reads one part file: its latest attempt. A last line without its newline was being written
     * when the process died and is ignored; any other unreadable line is an error naming the line.
     */
    private Optional<RunJournal.Part> readPart(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1; // what follows the last newline is a torn line
        String[] lines = text.substring(0, complete).split("\n");
        String group = file.getFileName().toString();
        group = group.substring(0, group.length() - PART_SUFFIX.length());
        PartBuilder part = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = JournalJson.MAPPER.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new SluiceException("Journal part " + file + ":" + (i + 1) + " is not valid JSON: "
                        + e.getOriginalMessage() + ". The file was changed by something other than Sluice.", e);
            }
            switch (event.path("event").asText()) {
                case "started" -> part = new PartBuilder(group, event);
                case "node" -> {
                    if (part != null) {
                        part.node(event);
                    }
                }
                case "finished" -> {
                    if (part != null) {
                        part.finished(event);
                    }
                }
                default -> throw new SluiceException("Journal part " + file + ":" + (i + 1) + " has an unknown event '"
                        + event.path("event").asText() + "'. It may have been written by a newer Sluice.");
            }
        }
        return part == null ? Optional.empty() : Optional.of(part.build(file, process.host()));
    }

    /** Accumulates the events of one attempt. */
    private static final class PartBuilder {
        private final String group;
        private final JsonNode started;
        private final Map<String, RunJournal.NodeRecord> nodes = new LinkedHashMap<>();
        private final Map<String, String> versions = new LinkedHashMap<>();
        private JsonNode finished;

        PartBuilder(String group, JsonNode started) {
            this.group = group;
            this.started = started;
            for (JsonNode name : started.path("nodes")) {
                nodes.put(name.asText(), new RunJournal.NodeRecord(name.asText(), NodeState.NOT_RUN, null, 0, null));
            }
        }

        void node(JsonNode event) {
            RunJournal.NodeRecord n = JournalJson.node(event);
            nodes.put(n.name(), n);
            event.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        }

        void finished(JsonNode event) {
            finished = event;
        }

        Map<String, String> nodeHashes() {
            Map<String, String> hashes = new LinkedHashMap<>();
            started.path("node_hashes").fields().forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText()));
            return hashes;
        }

        RunJournal.Part build(Path file, String localHost) {
            ProcessIdentity writer = new ProcessIdentity(started.path("host").asText(), started.path("pid").asLong(),
                    started.hasNonNull("process_started") ? Instant.parse(started.get("process_started").asText())
                            : null);
            RunState state;
            String error = null;
            String finishedAt = null;
            RunSpec resume = null;
            if (finished != null) {
                state = RunState.ofJsonName(finished.path("state").asText());
                error = JournalJson.text(finished, "error");
                finishedAt = JournalJson.text(finished, "at");
                resume = JournalJson.spec(finished.get("resume"));
            } else {
                Boolean locked = writer.isThisProcess() ? null : beingWritten(file);
                boolean alive = locked != null ? locked : Boolean.TRUE.equals(writer.aliveOnThisHost());
                state = alive ? RunState.RUNNING : RunState.INTERRUPTED;
                if (state == RunState.INTERRUPTED) {
                    error = "the process that ran it (pid " + writer.pid() + " on " + writer.host()
                            + ") ended before recording the end of the run";
                }
            }
            return new RunJournal.Part(group, JournalJson.spec(started.get("spec")), JournalJson.text(started, "runner"),
                    JournalJson.text(started, "git_commit"), JournalJson.text(started, "structure_hash"),
                    writer.host(), writer.pid(), started.path("attempt").asInt(1), JournalJson.text(started, "at"),
                    finishedAt, state, error, new ArrayList<>(nodes.values()), versions, resume, nodeHashes(),
                    groups(), config());
        }

        RunJournal.ConfigUsed config() {
            JsonNode c = started.path("config");
            return c.isObject() ? new RunJournal.ConfigUsed(JournalJson.text(c, "source"), JournalJson.text(c, "overrides"))
                    : RunJournal.ConfigUsed.PROJECT;
        }

        List<String> groups() {
            List<String> ids = new ArrayList<>();
            started.path("groups").forEach(g -> ids.add(g.asText()));
            return ids;
        }
    }
}
