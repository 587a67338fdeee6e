package io.sluice.cli;

import io.sluice.config.RuntimeParams;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link RunSpec} written as the {@code sluice run} command that runs it: options when they can
 * say the whole spec exactly, else {@code --spec '<json>'} — for a group, requested outputs, a run
 * without journal, a name holding the comma that list options split on (default node names such
 * as {@code concat(a,b) -> [c]}), or params that {@code --params} cannot write back as they are.
 */
final class RunSpecCommand {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=/+@%-]+");

    private RunSpecCommand() {
    }

    /** The command as one line, each argument quoted for a POSIX shell when it needs it. */
    static String render(RunSpec spec) {
        return args(spec).stream().map(RunSpecCommand::quote).collect(Collectors.joining(" "));
    }

    /** The command's arguments, {@code sluice run} first. */
    static List<String> args(RunSpec spec) {
        List<String> args = new ArrayList<>(List.of("sluice", "run"));
        if (!sayableAsOptions(spec)) {
            args.add("--spec");
            args.add(spec.toJson());
            return args;
        }
        if (!RunSpec.DEFAULT_PIPELINE.equals(spec.pipeline())) {
            args.add("--pipeline");
            args.add(spec.pipeline());
        }
        if (spec.env() != null) { // even local: SLUICE_ENV would otherwise pick the environment
            args.add("--env");
            args.add(spec.env());
        }
        if (!spec.params().isEmpty()) {
            args.add("--params");
            args.add(RuntimeParams.format(spec.params()));
        }
        if (!RunSpec.DEFAULT_RUNNER.equals(spec.runner())) {
            args.add("--runner");
            args.add(spec.runner());
        }
        if (spec.maxWorkers() > 0) {
            args.add("--max-workers");
            args.add(String.valueOf(spec.maxWorkers()));
        }
        if (spec.runId() != null) {
            args.add("--run-id");
            args.add(spec.runId());
        }
        PipelineFilter f = spec.selection();
        add(args, "--nodes", f.nodeNames());
        add(args, "--from-nodes", f.fromNodes());
        add(args, "--to-nodes", f.toNodes());
        add(args, "--from-inputs", f.fromInputs());
        add(args, "--to-outputs", f.toOutputs());
        add(args, "--tags", f.tags());
        add(args, "--namespaces", f.namespaces());
        if (spec.onlyMissingOutputs()) {
            args.add("--only-missing-outputs");
        }
        if (!spec.loadVersions().isEmpty()) {
            args.add("--load-versions");
            args.add(spec.loadVersions().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",")));
        }
        return args;
    }

    /**
     * Whether the options of {@code sluice run} can say the whole spec, so that running the
     * command runs exactly the spec: nothing dropped, no name split at a comma, every param read
     * back by {@code --params} as the same value.
     */
    static boolean sayableAsOptions(RunSpec spec) {
        if (spec.group() != null || !spec.outputs().isEmpty() || !spec.journal()) {
            return false;
        }
        PipelineFilter f = spec.selection();
        for (Set<String> names : List.of(f.nodeNames(), f.fromNodes(), f.toNodes(), f.fromInputs(), f.toOutputs(),
                f.tags(), f.namespaces())) {
            if (!names.stream().allMatch(RunSpecCommand::listItem)) {
                return false;
            }
        }
        if (!spec.loadVersions().keySet().stream().allMatch(d -> listItem(d) && d.indexOf(':') < 0)) {
            return false;
        }
        if (!spec.params().isEmpty()) {
            try {
                return RuntimeParams.parse(RuntimeParams.format(spec.params())).equals(spec.params());
            } catch (RuntimeException e) { // a key or value --params cannot write
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} survives a comma-separated list option (split at commas, trimmed, blanks dropped). */
    private static boolean listItem(String name) {
        return !name.isBlank() && name.indexOf(',') < 0 && name.equals(name.trim());
    }

    private static void add(List<String> args, String option, Set<String> values) {
        if (!values.isEmpty()) {
            args.add(option);
            args.add(String.join(",", values));
        }
    }

    private static String quote(String arg) {
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
