package io.sluice.launch.sweep;

import io.sluice.SluiceException;
import io.sluice.Suggestions;
import io.sluice.config.Location;
import io.sluice.io.DataCatalog;
import io.sluice.launch.Launch;
import io.sluice.launch.LauncherConfig;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerConfigException;
import io.sluice.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sweep checks against the session before its first run, since only the request names the
 * pipeline: every parameter path is read by the pipeline or the configuration (with each of its
 * values, through {@link Session#checkOverrides}, as {@code --params} is checked), every summary
 * output is produced by the selected pipeline, the summary dataset is a persistent catalog
 * dataset the pipeline neither reads nor writes, and the request names no run id (each run gets
 * its own). Every problem is reported together, at the entry's {@code file:line:column} — a
 * parameter path at its own — and nothing runs.
 */
final class SweepCheck {
    private SweepCheck() {
    }

    /** @throws RunnerConfigException listing every problem, one per line */
    static void check(Launch launch, LauncherConfig<SweepConfig> config, SweepPlan plan) {
        Session session = launch.session();
        RunSpec spec = launch.spec();
        String entry = "launcher '" + config.name() + "' (sweep)";
        Location at = config.location();
        List<String> errors = new ArrayList<>();
        if (spec.runId() != null) {
            errors.add(at + ": " + entry + " makes one run per parameter set, each with its own run id, but the "
                    + "request names run id '" + spec.runId() + "'. Leave --run-id out.");
        }
        Pipeline registered = session.pipeline(spec.pipeline());
        for (String path : plan.paths()) {
            String problem = unread(session, spec, path, plan);
            if (problem != null) {
                errors.add(plan.pathAt().get(path) + ": " + entry + ": parameter path '" + path + "': " + problem);
            }
        }
        SweepConfig.Summary summary = config.args().summary();
        Set<String> produced = registered.filter(spec.selection()).allOutputs();
        for (String output : summary.outputs()) {
            if (!produced.contains(output)) {
                errors.add(at + ": " + entry + ": summary.outputs names '" + output + "', which pipeline '"
                        + spec.pipeline() + "' (as selected) does not produce." + Suggestions.didYouMean(output,
                        produced) + " Its outputs: " + String.join(", ", new TreeSet<>(produced))
                        + ". List outputs the runs produce.");
            }
        }
        summary.dataset().ifPresent(name -> {
            String problem = datasetProblem(session.catalog(), registered, spec.pipeline(), name);
            if (problem != null) {
                errors.add(at + ": " + entry + ": summary.dataset '" + name + "' " + problem);
            }
        });
        if (!errors.isEmpty()) {
            throw new RunnerConfigException(String.join("\n", errors) + "\nNothing ran.");
        }
    }

    /** Why the runs would not read {@code path} with some value of the sweep's, or null. */
    private static String unread(Session session, RunSpec spec, String path, SweepPlan plan) {
        Set<Object> values = new LinkedHashSet<>();
        plan.sets().forEach(s -> {
            if (s.values().containsKey(path)) {
                values.add(s.values().get(path));
            }
        });
        for (Object value : values) {
            try {
                session.checkOverrides(RunSpec.builder(spec.pipeline()).param(path, value).build());
            } catch (SluiceException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static String datasetProblem(DataCatalog catalog, Pipeline registered, String pipeline, String name) {
        if (!catalog.isDeclared(name)) {
            return "is not in the catalog." + Suggestions.didYouMean(name, catalog.entryNames()) + " Declare it in "
                    + "catalog.yml (e.g. '" + name + ": {type: csv, filepath: data/08_reporting/" + name + ".csv}'), "
                    + "or leave summary.dataset out to only print the table.";
        }
        if (registered.datasets().contains(name)) {
            return "is a dataset of pipeline '" + pipeline + "' too: the summary would overwrite what the "
                    + "runs read or write. Give the summary a dataset of its own.";
        }
        if (!catalog.dataset(name).isPersistent()) {
            return "is a memory dataset (" + catalog.resolve(name).location() + "): the table would be lost when "
                    + "the launch ends. Give it a persistent type, e.g. 'type: csv' or 'type: json'.";
        }
        return null;
    }
}
