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
                .withSubcommands("list", "show");
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
            if (!RunIds.isSafeName(runId)) {
                throw new UsageException("'" + runId + "' is not a run id: run ids are "
                        + "letters, digits and . _ : + - (sluice runs list shows them).");
            }
            JournalStore store = store(root);
            RunJournal run = store.read(runId).orElseThrow(() -> new SluiceException("No run '" + runId
                    + "' in " + store.directory() + "." + closest(store, runId)));
            PrintWriter out = root.out;
            if (format == Format.json) {
                out.println(JournalStore.toJson(run));
            } else {
                print(out, run);
            }
            out.flush();
            return 0;
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
}
