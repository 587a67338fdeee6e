package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.journal.JournalStore;
import io.sluice.run.NodeState;
import io.sluice.run.RunIds;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import io.sluice.temporal.RunMarker;
import io.sluice.temporal.TemporalRuns;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sluice runs list|show}: the run journals under {@code .sluice/runs}, read without
 * compiling the project (a journal is data; the project's code is not needed to read it).
 */
final class RunsCommand {

    /** How a command prints. */
    enum Format { table, json }

    private RunsCommand() {
    }

    static CommandDef definition() {
        return CommandDef.of("runs", "List and show the project's runs, from their journals in .sluice/runs.")
                .withSubcommands("list", "show", "cancel");
    }

    static JournalStore store(SluiceMain root) {
        return new JournalStore(root.projectDir());
    }

    /** {@code --format table|json}. */
    static OptionDef formatOption() {
        return OptionDef.value("--format", "FORMAT", "table or json (default: table).")
                .oneOf(List.of(Format.table.name(), Format.json.name()));
    }

    /** {@code sluice runs list}. */
    static final class ListRuns implements Command {
        private final SluiceMain root;
        final Format format;
        final int limit;

        ListRuns(SluiceMain root, ParsedArgs args) {
            this.root = root;
            format = Format.valueOf(args.value("--format", Format.table.name()));
            limit = args.intValue("--limit", 20);
        }

        static CommandDef definition() {
            return CommandDef.of("list",
                            "List runs, newest first: id, pipeline, state, start, duration, nodes completed.")
                    .withOptions(List.of(formatOption(), OptionDef.value("-n, --limit", "N",
                            "At most this many runs, newest first; 0 for all (default: 20).").ints()));
        }

        @Override
        public int call() {
            if (limit < 0) {
                throw new UsageException("--limit must be 0 or more, got " + limit);
            }
            List<RunJournal> runs = store(root).list();
            if (limit > 0 && runs.size() > limit) {
                runs = runs.subList(0, limit);
            }
            PrintWriter out = root.out;
            if (format == Format.json) {
                out.println(runs.stream().map(JournalStore::toJson).collect(Collectors.joining(",\n", "[", "]")));
            } else if (runs.isEmpty()) {
                out.println("No runs yet: sluice run writes a journal for every run under .sluice/runs.");
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"RUN ID", "PIPELINE", "STATE", "STARTED", "DURATION", "NODES"});
                for (RunJournal r : runs) {
                    long done = r.nodes().stream().filter(n -> n.state() == NodeState.COMPLETED).count();
                    rows.add(new String[] {r.runId(), r.pipeline(), r.state().jsonName(), String.valueOf(r.startedAt()),
                            duration(r.startedAt(), r.finishedAt()), done + "/" + r.nodes().size()});
                }
                Table.print(out, rows);
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice runs show RUN_ID}. */
    static final class Show implements Command {
        private final SluiceMain root;
        final String runId;
        final Format format;

        Show(SluiceMain root, ParsedArgs args) {
            this.root = root;
            runId = args.param(0, null);
            format = Format.valueOf(args.value("--format", Format.table.name()));
        }

        static CommandDef definition() {
            return CommandDef.of("show",
                            "Show one run: its state, where and how it ran, each node, and how to resume it.")
                    .withOptions(List.of(formatOption()))
                    .withParams(ParamDef.required("RUN_ID", "The run id (sluice runs list shows them)."));
        }

        @Override
        public int call() {
            checkRunId(runId);
            JournalStore store = store(root);
            java.util.Optional<RunMarker> temporal = RunMarker.read(root.projectDir(), runId);
            java.util.Optional<RunJournal> journal = store.read(runId);
            if (journal.isEmpty() && temporal.isEmpty()) {
                throw new SluiceException("No run '" + runId + "' in " + store.directory() + "." + closest(store, runId));
            }
            TemporalRuns.View view = null;
            String unreachable = null;
            if (temporal.isPresent()) {
                TemporalEntries.Found entry = TemporalEntries.of(root, temporal.get());
                try {
                    view = TemporalRuns.view(entry.config(), root.projectDir(), entry.name(), runId);
                } catch (SluiceException e) {
                    unreachable = e.getMessage();
                }
            }
            PrintWriter out = root.out;
            if (format == Format.json) {
                out.println(json(runId, journal.orElse(null), temporal.orElse(null), view, unreachable));
            } else {
                if (journal.isPresent()) {
                    print(out, journal.get());
                } else {
                    out.println("Run " + runId + ": no group has started yet (no journal part).");
                }
                if (temporal.isPresent()) {
                    out.println();
                    printTemporal(out, temporal.get(), view, unreachable);
                }
            }
            out.flush();
            return 0;
        }

        /** The journal's JSON with the workflow's state under {@code temporal}. */
        private static String json(String runId, RunJournal journal, RunMarker marker, TemporalRuns.View view,
                                   String unreachable) {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                    .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
            try {
                com.fasterxml.jackson.databind.node.ObjectNode o = journal != null
                        ? (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(JournalStore.toJson(journal))
                        : mapper.createObjectNode().put("run_id", runId);
                if (marker != null) {
                    com.fasterxml.jackson.databind.node.ObjectNode t = mapper.valueToTree(marker);
                    if (view != null) {
                        java.util.Map<String, Object> w = new java.util.LinkedHashMap<>();
                        w.put("workflow_id", view.workflowId());
                        w.put("execution", view.execution());
                        w.put("status", view.status().orElse(null));
                        w.put("attempts", view.attempts());
                        t.set("workflow", mapper.valueToTree(w));
                    } else {
                        t.put("error", unreachable);
                    }
                    o.set("temporal", t);
                }
                return mapper.writeValueAsString(o);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The workflow's groups: state, attempts, worker, merged with the attempts running now. */
        private static void printTemporal(PrintWriter out, RunMarker marker, TemporalRuns.View view,
                                          String unreachable) {
            out.println("Temporal: runner entry " + marker.entry() + ", " + marker.address() + ", namespace "
                    + marker.namespace() + ", task queue " + marker.taskQueue());
            if (view == null) {
                out.println("  workflow state unknown: " + unreachable);
                return;
            }
            out.println("Workflow " + view.workflowId() + ": " + view.execution());
            java.util.Map<String, TemporalRuns.Attempt> now = new java.util.HashMap<>();
            view.attempts().stream().filter(a -> a.group() != null).forEach(a -> now.put(a.group(), a));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"GROUP", "STATE", "ATTEMPTS", "WORKER", "ERROR"});
            if (view.status().isEmpty()) {
                out.println("  (no worker answered the status query: only the groups running now are known)");
                for (TemporalRuns.Attempt a : view.attempts()) {
                    rows.add(new String[] {String.valueOf(a.group()), "running", String.valueOf(a.attempt()),
                            String.valueOf(a.worker()), a.lastError() == null ? "" : a.lastError()});
                }
            } else {
                for (io.sluice.temporal.RunStatus.GroupStatus g : view.status().get().groups()) {
                    TemporalRuns.Attempt a = now.get(g.group());
                    boolean running = a != null && g.state().equals("running");
                    String attempts = running ? String.valueOf(a.attempt())
                            : g.attempts() == 0 ? (g.state().equals("done") ? "before" : "") : String.valueOf(g.attempts());
                    String worker = running ? a.worker() : g.worker();
                    String error = g.error() != null ? g.error() : running && a.lastError() != null ? a.lastError() : "";
                    rows.add(new String[] {g.group(), g.state(), attempts, worker == null ? "" : worker, error});
                }
                if (view.status().get().error() != null) {
                    out.println("  " + view.status().get().error());
                }
            }
            Table.print(out, rows);
        }

        private static String closest(JournalStore store, String runId) {
            List<String> ids = store.list().stream().map(RunJournal::runId).toList();
            if (ids.isEmpty()) {
                return " There are no runs yet.";
            }
            List<String> prefixed = ids.stream().filter(id -> id.startsWith(runId)).limit(5).toList();
            if (!prefixed.isEmpty()) {
                return " Runs starting so: " + String.join(", ", prefixed) + ".";
            }
            return " The newest: " + String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + ".";
        }

        private static void print(PrintWriter out, RunJournal run) {
            out.printf("Run %s of pipeline %s: %s%n", run.runId(), run.pipeline(), run.state().jsonName());
            out.printf("Started %s, %s%n", run.startedAt(), run.finishedAt() == null ? "not finished"
                    : "finished " + run.finishedAt() + " (" + duration(run.startedAt(), run.finishedAt()) + ")");
            for (RunJournal.Part p : run.parts()) {
                String where = "Part " + p.group() + (p.attempt() > 1 ? " (attempt " + p.attempt() + ")" : "") + ": "
                        + p.state().jsonName() + "; env " + p.spec().env() + ", runner " + p.runner() + ", pid "
                        + p.pid() + " on " + p.host();
                out.println(where);
                String structure = p.structureHash() == null ? "unknown"
                        : p.structureHash().substring(0, Math.min(12, p.structureHash().length()));
                out.println("  structure " + structure + (p.gitCommit() == null ? ""
                        : ", git " + p.gitCommit().substring(0, Math.min(12, p.gitCommit().length()))));
                if (!p.spec().params().isEmpty()) {
                    out.println("  params " + io.sluice.config.RuntimeParams.format(p.spec().params()));
                }
            }
            if (run.error() != null) {
                out.println("Error: " + run.error());
            }
            List<String> groups = run.parts().isEmpty() ? List.of() : run.parts().get(0).groups();
            if (!groups.isEmpty()) {
                List<String> missing = run.missingGroups();
                out.println("Groups: " + (groups.size() - missing.size()) + " of " + groups.size() + " run"
                        + (missing.isEmpty() ? "" : "; not run yet: " + String.join(", ", missing)));
            }
            out.println();
            List<String[]> rows = new ArrayList<>();
            boolean grouped = run.parts().size() > 1 || !groups.isEmpty();
            rows.add(grouped ? new String[] {"GROUP", "NODE", "STATE", "STARTED", "DURATION"}
                    : new String[] {"NODE", "STATE", "STARTED", "DURATION"});
            for (RunJournal.Part p : run.parts()) {
                for (RunJournal.NodeRecord n : p.nodes()) {
                    String took = n.startedAt() == null ? "" : String.format(Locale.ROOT, "%.1f ms", n.durationMs());
                    String started = n.startedAt() == null ? "" : n.startedAt();
                    rows.add(grouped ? new String[] {p.group(), n.name(), n.state().jsonName(), started, took}
                            : new String[] {n.name(), n.state().jsonName(), started, took});
                }
            }
            Table.print(out, rows);
            if (!run.datasetVersions().isEmpty()) {
                out.println();
                out.println("Versions written:");
                run.datasetVersions().forEach((d, v) -> out.println("  " + d + " " + v));
            }
            if (run.state() == RunState.FAILED || run.state() == RunState.INTERRUPTED
                    || run.state() == RunState.CANCELLED) {
                out.println();
                out.println("To resume the run: sluice run --resume " + run.runId());
            }
        }
    }

    /** {@code sluice runs cancel RUN_ID}: cancels a Temporal run's workflow. */
    static final class Cancel implements Command {
        private final SluiceMain root;
        final String runId;

        Cancel(SluiceMain root, ParsedArgs args) {
            this.root = root;
            runId = args.param(0, null);
        }

        static CommandDef definition() {
            return CommandDef.of("cancel", "Cancel a distributed run (a temporal runner's): its running groups stop "
                            + "at their next heartbeat and no group starts any more.")
                    .withParams(ParamDef.required("RUN_ID", "The run id (sluice runs list shows them)."));
        }

        @Override
        public int call() {
            checkRunId(runId);
            RunMarker marker = RunMarker.read(root.projectDir(), runId).orElseThrow(() -> new SluiceException("Run "
                    + runId + " is not a distributed run (no " + RunMarker.FILE + " in its journal directory): a run of "
                    + "this machine stops with Ctrl-C or SIGTERM of its sluice process."));
            TemporalEntries.Found entry = TemporalEntries.of(root, marker);
            String state = TemporalRuns.cancel(entry.config(), root.projectDir(), entry.name(), runId);
            root.out.println(state.equals("cancel requested")
                    ? "Cancellation of run " + runId + " requested: its running groups stop at their next heartbeat "
                            + "and no group starts any more (sluice runs show " + runId + ")."
                    : "Run " + runId + " is not running (workflow " + state + "): nothing to cancel.");
            root.out.flush();
            return 0;
        }
    }

    /** {@code 1.23 s}, {@code 2 min 3 s}, or empty when the run has not finished. */
    static String duration(String startedAt, String finishedAt) {
        if (startedAt == null || finishedAt == null) {
            return "";
        }
        try {
            Duration d = Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt));
            long ms = d.toMillis();
            return ms < 60_000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000.0)
                    : d.toMinutes() + " min " + d.toSecondsPart() + " s";
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** Refuses text that cannot be a run id (it names a folder under .sluice/runs). */
    static void checkRunId(String runId) {
        if (!RunIds.isSafeName(runId)) {
            throw new UsageException("'" + runId + "' is not a run id: run ids are "
                    + "letters, digits and . _ : + - (sluice runs list shows them).");
        }
    }
}
