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
 * A {@link RunSpec} written as the {@code sluice run} command that runs it: options for what the
 * options can say, {@code --spec '<json>'} for a spec they cannot (a group).
 */
final class RunSpecCommand {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:,=/+@%-]+");
    private static final String DEFAULT_ENV = "local";

    private RunSpecCommand() {
    }

    /** The command as one line, each argument quoted for a POSIX shell when it needs it. */
    static String render(RunSpec spec) {
        return args(spec).stream().map(RunSpecCommand::quote).collect(Collectors.joining(" "));
    }

    /** The command's arguments, {@code sluice run} first. */
    static List<String> args(RunSpec spec) {
        List<String> args = new ArrayList<>(List.of("sluice", "run"));
        if (spec.group() != null) {
            args.add("--spec");
            args.add(spec.toJson());
            return args;
        }
        if (!RunSpec.DEFAULT_PIPELINE.equals(spec.pipeline())) {
            args.add("--pipeline");
            args.add(spec.pipeline());
        }
        if (spec.env() != null && !DEFAULT_ENV.equals(spec.env())) {
            args.add("--env");
            args.add(spec.env());
        }
        if (!spec.params().isEmpty()) {
            args.add("--params");
            args.add(RuntimeParams.format(spec.params()));
        }
        if (!RunSpec.SEQUENTIAL.equals(spec.runner())) {
            args.add("--runner");
            args.add(spec.runner());
            if (spec.maxWorkers() > 0) {
                args.add("--max-workers");
                args.add(String.valueOf(spec.maxWorkers()));
            }
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
