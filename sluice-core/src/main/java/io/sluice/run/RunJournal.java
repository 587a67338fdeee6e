package io.sluice.run;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one run: every part of it (one per group that ran, or a single part for a run of
 * the whole selection) merged into one view. Each part is written by the process that ran it, as
 * its nodes finish, to {@code .sluice/runs/<run-id>/<group>.jsonl} under the project; see
 * {@code io.sluice.journal.JournalStore}.
 *
 * <p>The state of the run is derived from its parts: failed if any failed, else cancelled if any
 * was, else interrupted if any process died mid-run, else running if any is still going, else
 * succeeded.
 *
 * @param runId      the run id, shared by every part
 * @param pipeline   the registered pipeline name
 * @param state      the state of the whole run
 * @param startedAt  ISO-8601 start of the earliest part
 * @param finishedAt ISO-8601 end of the latest part, or {@code null} while a part has not ended
 * @param error      the first failure message, or {@code null}
 * @param parts      the parts, ordered by start time, then group
 */
public record RunJournal(String runId, String pipeline, RunState state, String startedAt, String finishedAt,
                         String error, List<Part> parts) {

    /** The name of the part of a run that executes its whole selection (no group). */
    public static final String WHOLE_RUN = "run";

    /**
     * Orders ISO-8601 instants as times, nulls first. Not as strings: {@link Instant#toString()}
     * leaves out a zero fraction and writes 3, 6 or 9 digits, so {@code ...:00Z} sorts after the
     * later {@code ...:00.500Z} as text. A value that is not an instant falls back to text order.
     */
    public static final Comparator<String> TIME_ORDER = Comparator.nullsFirst((a, b) -> {
        try {
            return Instant.parse(a).compareTo(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return a.compareTo(b);
        }
    });

    public RunJournal {
        parts = List.copyOf(parts);
    }

    /**
     * One process's share of a run: the spec it was given, where and how it ran, and its nodes.
     *
     * @param group           the group id, or {@value #WHOLE_RUN} for a run without groups
     * @param spec            the spec the part ran (its run id filled in)
     * @param runner          the runner's name
     * @param gitCommit       the project's git commit when it is a git checkout, else {@code null}
     * @param structureHash   the structure hash of the nodes the part selected (see
     *                        {@code Pipeline.structureHash()})
     * @param host            the host name of the process
     * @param pid             the process id
     * @param attempt         1 for the first run of this part; each later run of the same run id
     *                        and group adds one (its nodes replace the earlier attempt's; a
     *                        resume copies the records of the nodes it skips into its attempt)
     * @param startedAt       ISO-8601 start
     * @param finishedAt      ISO-8601 end, or {@code null} if it has not ended (or its process died)
     * @param state           the part's state
     * @param error           the failure message, or {@code null}
     * @param nodes           the selected nodes in execution order
     * @param datasetVersions the save version written per versioned dataset
     * @param resume          on failure, the spec that resumes the part, else {@code null}
     * @param nodeHashes      the structure hash of each selected node by name (see
     *                        {@code Pipeline.nodeHashes()}); empty in journals written before they
     *                        were recorded
     * @param groups          for a part of a group run, the ids of every group of the grouping it
     *                        belongs to (so that a view of the run names the groups not run yet);
     *                        empty for a run of its whole selection
     * @param config          the config the part read ({@link ConfigUsed#PROJECT} in journals written
     *                        before it was recorded)
     */
    public record Part(String group, RunSpec spec, String runner, String gitCommit, String structureHash,
                       String host, long pid, int attempt, String startedAt, String finishedAt, RunState state,
                       String error, List<NodeRecord> nodes, Map<String, String> datasetVersions,
                       RunSpec resume, Map<String, String> nodeHashes, List<String> groups, ConfigUsed config) {
        public Part {
            config = config == null ? ConfigUsed.PROJECT : config;
            groups = groups == null || groups.isEmpty() ? List.of() : List.copyOf(groups);
            nodes = List.copyOf(nodes);
            datasetVersions = Collections.unmodifiableMap(new LinkedHashMap<>(datasetVersions));
            nodeHashes = nodeHashes == null || nodeHashes.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(nodeHashes));
        }

        /** A part that read the project's own {@code conf/}. */
        public Part(String group, RunSpec spec, String runner, String gitCommit, String structureHash,
                    String host, long pid, int attempt, String startedAt, String finishedAt, RunState state,
                    String error, List<NodeRecord> nodes, Map<String, String> datasetVersions, RunSpec resume,
                    Map<String, String> nodeHashes, List<String> groups) {
            this(group, spec, runner, gitCommit, structureHash, host, pid, attempt, startedAt, finishedAt, state,
                    error, nodes, datasetVersions, resume, nodeHashes, groups, ConfigUsed.PROJECT);
        }

        /** A part outside any grouping. */
        public Part(String group, RunSpec spec, String runner, String gitCommit, String structureHash,
                    String host, long pid, int attempt, String startedAt, String finishedAt, RunState state,
                    String error, List<NodeRecord> nodes, Map<String, String> datasetVersions, RunSpec resume,
                    Map<String, String> nodeHashes) {
            this(group, spec, runner, gitCommit, structureHash, host, pid, attempt, startedAt, finishedAt, state,
                    error, nodes, datasetVersions, resume, nodeHashes, List.of());
        }

        /** A part without node hashes (as journals written before they were recorded read). */
        public Part(String group, RunSpec spec, String runner, String gitCommit, String structureHash,
                    String host, long pid, int attempt, String startedAt, String finishedAt, RunState state,
                    String error, List<NodeRecord> nodes, Map<String, String> datasetVersions, RunSpec resume) {
            this(group, spec, runner, gitCommit, structureHash, host, pid, attempt, startedAt, finishedAt, state,
                    error, nodes, datasetVersions, resume, Map.of());
        }
    }

    /**
     * Which config a part of a run read, as far as a resume must tell it apart from another: a
     * run resumed with other config (another {@code --conf-source}, other {@code --conf-json})
     * would mix outputs of two configurations under one run id. The override values themselves are
     * not recorded (they may be private), only a digest of them.
     *
     * @param source    the absolute path of the folder or archive given with {@code --conf-source},
     *                  or its URL without the query; {@code null} for the project's own {@code conf/}
     * @param overrides {@code sha256:} and 16 hex digits of the {@code --conf-json} /
     *                  {@code SLUICE_CONF_JSON} overrides in canonical form; {@code null} for none
     */
    public record ConfigUsed(String source, String overrides) {
        /** The project's own {@code conf/}, no overrides. */
        public static final ConfigUsed PROJECT = new ConfigUsed(null, null);

        // Written out: a record's generated equals and hashCode are bootstrapped (classes spun)
        // on first call in every fresh JVM; these compare the same components.
        @Override
        public boolean equals(Object o) {
            return o instanceof ConfigUsed c && Objects.equals(source, c.source) && Objects.equals(overrides,
                    c.overrides);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(source) + Objects.hashCode(overrides);
        }

        /** How a message names it, e.g. {@code --conf-source /srv/conf.tar.gz and --conf-json (sha256:…)}. */
        public String describe() {
            String from = source == null ? "the project's conf/" : "--conf-source " + source;
            return overrides == null ? from + " without --conf-json" : from + " with --conf-json overrides (" + overrides + ")";
        }
    }

    /**
     * One node's part in a run.
     *
     * @param name       the node name
     * @param state      what became of it
     * @param startedAt  ISO-8601 start, or {@code null} if it did not start
     * @param durationMs wall time in milliseconds (fractional), or 0
     * @param error      the failure message, or {@code null}
     * @param saved      the persisted datasets it saved (when it completed), which tells which run
     *                   wrote the data on disk — {@code --only-missing-outputs} uses it to find
     *                   outputs older than their inputs
     * @param attempts   how many times it ran: more than 1 when the runner entry's retry policy
     *                   ran it again, 0 if it did not start
     */
    public record NodeRecord(String name, NodeState state, String startedAt, double durationMs, String error,
                             List<String> saved, int attempts) {
        public NodeRecord {
            saved = saved == null || saved.isEmpty() ? List.of() : List.copyOf(saved);
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must be 0 or more, got " + attempts);
            }
        }

        /** A node that ran once (none if it did not run), without a retry policy. */
        public NodeRecord(String name, NodeState state, String startedAt, double durationMs, String error,
                          List<String> saved) {
            this(name, state, startedAt, durationMs, error, saved, state == NodeState.NOT_RUN ? 0 : 1);
        }

        /** A node that saved no persisted dataset. */
        public NodeRecord(String name, NodeState state, String startedAt, double durationMs, String error) {
            this(name, state, startedAt, durationMs, error, List.of());
        }

        /** When it ended ({@link #startedAt} plus the duration), or null if it did not start. */
        public java.time.Instant endedAt() {
            return startedAt == null ? null
                    : java.time.Instant.parse(startedAt).plusNanos((long) (durationMs * 1_000_000));
        }
    }

    /** The nodes of every part, part by part. */
    public List<NodeRecord> nodes() {
        if (parts.size() == 1) {
            return parts.get(0).nodes();
        }
        List<NodeRecord> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.nodes()));
        return all;
    }

    /** The versions written by every part, by dataset name. */
    public Map<String, String> datasetVersions() {
        Map<String, String> all = new LinkedHashMap<>();
        parts.forEach(p -> all.putAll(p.datasetVersions()));
        return all;
    }

    /**
     * The groups of the run's grouping that have no part yet, in the grouping's order: for a run
     * made of group runs, who is missing. Empty for a run of its whole selection, and once every
     * group has run (or started).
     */
    public List<String> missingGroups() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        java.util.Set<String> ran = new java.util.HashSet<>();
        for (Part p : parts) {
            all.addAll(p.groups());
            ran.add(p.group());
        }
        all.removeAll(ran);
        return List.copyOf(all);
    }

    /** The spec that resumes the first failed part, or {@code null}. */
    public RunSpec resume() {
        for (Part p : parts) {
            if (p.resume() != null) {
                return p.resume();
            }
        }
        return null;
    }

    /** The configuration environment of the first part. */
    public String env() {
        return parts.isEmpty() ? null : parts.get(0).spec().env();
    }

    /** The merged view of {@code parts} of run {@code runId}; the state rule is in the class comment. */
    public static RunJournal merge(String runId, List<Part> parts) {
        List<Part> sorted = new ArrayList<>(parts);
        // Not Comparator.comparing/thenComparing: their lambdas are serializable, which the AOT
        // cache cannot hold (a class spun in every fresh JVM).
        sorted.sort((a, b) -> {
            int c = TIME_ORDER.compare(a.startedAt(), b.startedAt());
            return c != 0 ? c : a.group().compareTo(b.group());
        });
        String started = null;
        String finished = null;
        String error = null;
        boolean failed = false;
        boolean cancelled = false;
        boolean interrupted = false;
        boolean running = false;
        for (Part p : sorted) {
            if (started == null || p.startedAt() != null && TIME_ORDER.compare(p.startedAt(), started) < 0) {
                started = p.startedAt();
            }
            if (p.finishedAt() != null && (finished == null || TIME_ORDER.compare(p.finishedAt(), finished) > 0)) {
                finished = p.finishedAt();
            }
            if (error == null && p.error() != null) {
                error = p.error();
            }
            switch (p.state()) {
                case FAILED -> failed = true;
                case CANCELLED -> cancelled = true;
                case INTERRUPTED -> interrupted = true;
                case PENDING, RUNNING -> running = true;
                case SUCCEEDED -> {
                }
            }
        }
        RunState state = failed ? RunState.FAILED : cancelled ? RunState.CANCELLED
                : interrupted ? RunState.INTERRUPTED : running ? RunState.RUNNING : RunState.SUCCEEDED;
        return new RunJournal(runId, sorted.isEmpty() ? null : sorted.get(0).spec().pipeline(), state, started,
                running || interrupted ? null : finished, error, sorted);
    }
}
