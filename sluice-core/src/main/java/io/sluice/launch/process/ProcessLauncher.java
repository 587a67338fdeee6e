package io.sluice.launch.process;

import io.sluice.group.Grouping;
import io.sluice.journal.JournalStore;
import io.sluice.launch.Launch;
import io.sluice.launch.Launcher;
import io.sluice.launch.LauncherConfig;
import io.sluice.run.RunCancelledException;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The launcher of one {@code process} entry: runs every group of the requested pipeline (as
 * {@link Session#grouping} groups it) as its own {@code sluice run --group} process under one
 * run id, a group only once every group it reads from has succeeded, at most
 * {@code max_parallel} at a time. Groups of the run id that already succeeded are skipped, so
 * launching again with the same {@code --run-id} finishes a failed launch. A failed group stops
 * the launch of any further group; the running ones are awaited, then the launch fails naming the
 * group and how to resume. A stop signal asks the children to end and kills them after the grace.
 */
final class ProcessLauncher implements Launcher {
    private static final long POLL_MS = 100;

    private final LauncherConfig<ProcessConfig> config;

    ProcessLauncher(LauncherConfig<ProcessConfig> config) {
        this.config = config;
    }

    @Override
    public List<RunResult> launch(Launch launch) throws Exception {
        RunSpec asked = launch.spec();
        GroupPlan plan = GroupPlan.of(launch, "process launcher '" + config.name() + "'", "in its own process");
        Session session = launch.session();
        Grouping grouping = plan.grouping();
        String runId = plan.runId();
        Path projectDir = session.options().projectDir().toAbsolutePath();
        JournalStore journals = new JournalStore(projectDir);
        Set<String> done = plan.done();
        List<String> base = ChildCommand.resolved(config.args().command(), projectDir);
        Map<String, Set<String>> needs = plan.needs();
        PrintWriter out = launch.out();
        say(out, "Process launcher " + config.name() + ": run " + runId + " of pipeline " + asked.pipeline() + " in "
                + grouping.groups().size() + " groups (" + grouping.strategy() + "), " + config.args().maxParallel()
                + " at a time" + (done.isEmpty() ? "" : "; already succeeded: " + String.join(", ", done)) + ".");

        BlockingQueue<GroupProcess.Exit> exits = new LinkedBlockingQueue<>();
        Map<String, GroupProcess> running = new LinkedHashMap<>();
        List<String> pending = plan.pending();
        Set<String> succeeded = new HashSet<>(done);
        String failed = null;
        int failedCode = 0;
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                if (failed == null && !launch.stop().fired()) {
                    for (String g : List.copyOf(pending)) {
                        if (running.size() >= config.args().maxParallel()) {
                            break;
                        }
                        if (succeeded.containsAll(needs.get(g))) {
                            pending.remove(g);
                            RunSpec spec = plan.specOf(g, launch.entry().wraps());
                            say(out, "Starting group " + g + ".");
                            running.put(g, GroupProcess.start(g, ChildCommand.of(base, projectDir, spec), projectDir,
                                    out, exits));
                        }
                    }
                }
                if (running.isEmpty()) {
                    break; // nothing runs and nothing can start: a failure or a stop
                }
                GroupProcess.Exit exit = exits.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (launch.stop().fired()) {
                    stopAll(running.values(), out);
                    throw new RunCancelledException(runId, "The process launcher " + config.name() + " was stopped; "
                            + "run " + runId + " has not finished. Launch it again with --run-id " + runId
                            + " to run the groups that did not succeed.");
                }
                if (exit == null) {
                    continue;
                }
                running.remove(exit.group());
                if (exit.code() == 0) {
                    succeeded.add(exit.group());
                    say(out, "Group " + exit.group() + " succeeded.");
                } else {
                    say(out, "Group " + exit.group() + " failed (exit code " + exit.code() + ")"
                            + (running.isEmpty() ? "." : "; waiting for " + String.join(", ", running.keySet())
                            + "."));
                    if (failed == null) {
                        failed = exit.group();
                        failedCode = exit.code();
                    }
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            stopAll(running.values(), out);
            throw e;
        }
        if (failed == null && !pending.isEmpty()) { // stopped before anything ran, or between two groups
            throw new RunCancelledException(runId, "The process launcher " + config.name() + " was stopped; groups "
                    + String.join(", ", pending) + " of run " + runId + " did not run. Launch it again with --run-id "
                    + runId + " to run them.");
        }
        if (failed != null) {
            pending.removeAll(succeeded);
            throw new RunFailedException("Group " + failed + " of run " + runId + " (pipeline " + asked.pipeline()
                    + ") failed with exit code " + failedCode + (pending.isEmpty() ? "" : "; not started: "
                    + String.join(", ", pending)) + ". Its output is above, prefixed [" + failed + "]; sluice runs show "
                    + runId + " shows every group. To resume: sluice run --resume " + runId + " (the failed group, "
                    + "skipping its completed nodes), then sluice run -p " + asked.pipeline() + " --runner "
                    + config.name() + " --run-id " + runId + " for the groups not run yet.", runId, null, null, null);
        }
        say(out, "Run " + runId + ": all " + grouping.groups().size() + " groups succeeded.");
        return List.of(new RunResult(runId, asked.pipeline(), Map.of(),
                () -> journals.read(runId).orElseThrow(() -> new IllegalStateException("run " + runId
                        + " left no journal"))));
    }

    /** Asks every child to end, waits at most the grace, then kills the rest; bounded. */
    private void stopAll(Iterable<GroupProcess> running, PrintWriter out) throws InterruptedException {
        List<GroupProcess> all = new ArrayList<>();
        running.forEach(all::add);
        if (all.isEmpty()) {
            return;
        }
        say(out, "Stopping groups " + String.join(", ", all.stream().map(p -> p.group).toList()) + ".");
        all.forEach(GroupProcess::stop);
        long deadline = System.nanoTime() + config.args().grace().toNanos();
        for (GroupProcess p : all) {
            while (p.alive() && System.nanoTime() < deadline) {
                Thread.sleep(20); // awaiting real processes
            }
        }
        all.stream().filter(GroupProcess::alive).forEach(GroupProcess::kill);
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
