package io.sluice.launch.sweep;

import io.sluice.launch.Launch;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.run.RunResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher of one {@code sweep} entry: checks the plan against the session, runs every
 * parameter set ({@link SweepRuns}), prints the summary table, saves it when the entry names a
 * dataset, then throws {@link SweepFailedException} if any run failed. Stateless between launches.
 */
final class SweepLauncher implements Launcher {
    private final LauncherConfig<SweepConfig> config;
    private final SweepPlan plan;

    SweepLauncher(LauncherConfig<SweepConfig> config, SweepPlan plan) {
        this.config = config;
        this.plan = plan;
    }

    @Override
    public List<RunResult> launch(Launch launch) throws Exception {
        SweepCheck.check(launch, config, plan);
        SweepConfig args = config.args();
        PrintWriter out = launch.out();
        out.printf("Sweep %s: %d parameter set%s through %s, %d at a time.%n", config.name(), plan.sets().size(),
                plan.sets().size() == 1 ? "" : "s", launch.entry().wraps(), Math.min(args.parallel(),
                        plan.sets().size()));
        out.flush();
        SweepRuns runs = new SweepRuns(launch, plan.sets(), args);
        List<RunOutcome> outcomes = runs.run();
        SweepSummary summary = SweepSummary.of(plan.paths(), args.summary().outputs(), outcomes);
        summary.print(out);
        List<SweepFailedException.Failure> failures = new ArrayList<>();
        long skipped = 0;
        for (RunOutcome o : outcomes) {
            if (o.state() == RunOutcome.State.FAILED) {
                failures.add(new SweepFailedException.Failure(o.set().values(), o.runId(), o.error()));
            } else if (o.state() == RunOutcome.State.SKIPPED) {
                skipped++;
            }
        }
        SweepFailedException failed = failures.isEmpty() ? null
                : new SweepFailedException(failedMessage(failures, skipped, outcomes.size()), failures);
        if (args.summary().dataset().isPresent()) {
            String name = args.summary().dataset().get();
            try {
                SummaryDataset.save(launch, name, summary);
            } catch (RuntimeException e) {
                if (failed != null) {
                    e.addSuppressed(failed); // the failed runs are in the printed table and stay on the error
                }
                throw e;
            }
            out.println("Summary saved to dataset '" + name + "'.");
        }
        out.flush();
        if (failed != null) {
            throw failed;
        }
        if (skipped > 0) {
            out.printf("Sweep %s stopped: %d of %d parameter sets not run.%n", config.name(), skipped,
                    outcomes.size());
            out.flush();
        }
        return runs.results();
    }

    private String failedMessage(List<SweepFailedException.Failure> failures, long skipped, int total) {
        StringBuilder sb = new StringBuilder("Sweep '" + config.name() + "': " + failures.size() + " of " + total
                + " parameter set" + (total == 1 ? "" : "s") + " failed");
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" not run").append(config.args().failFast() ? " (fail_fast)" : "");
        }
        sb.append(':');
        for (SweepFailedException.Failure f : failures) {
            StringBuilder set = new StringBuilder();
            f.params().forEach((k, v) -> set.append(set.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            sb.append("\n  ").append(set).append(f.runId() == null ? " (no run started)" : " (run " + f.runId() + ")")
                    .append(": ").append(f.error());
        }
        sb.append("\nThe summary above has a row per parameter set; 'sluice runs show RUN_ID' shows a failed run.");
        return sb.toString();
    }
}
