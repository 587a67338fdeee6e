package io.sluice.launch.sweep;

import io.sluice.launch.Launch;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs of one launch of a sweep: one per parameter set, in grid order, at most
 * {@code parallel} at a time. A failed run is recorded, not thrown; after one, {@code fail_fast}
 * launches no new run. When the launch's stop signal fires no new run starts either; the running
 * ones end first. Sets that were not run are {@linkplain RunOutcome#skipped skipped}. Per launch:
 * a launcher serves concurrent launches with one of these each.
 */
final class SweepRuns {
    private final Launch launch;
    private final List<ParamSet> sets;
    private final List<String> outputs;
    private final int parallel;
    private final boolean failFast;
    private final RunOutcome[] outcomes;
    private final List<RunResult> ended = new ArrayList<>();
    private final AtomicBoolean failed = new AtomicBoolean();

    SweepRuns(Launch launch, List<ParamSet> sets, SweepConfig args) {
        this.launch = launch;
        this.sets = sets;
        this.outputs = args.summary().outputs();
        this.parallel = Math.min(args.parallel(), sets.size());
        this.failFast = args.failFast();
        this.outcomes = new RunOutcome[sets.size()];
    }

    /** Runs the sets; their outcomes in grid order. */
    List<RunOutcome> run() throws InterruptedException {
        if (parallel <= 1) {
            for (int i = 0; i < sets.size() && mayLaunch(); i++) {
                outcomes[i] = runOne(sets.get(i));
            }
        } else {
            runInParallel();
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = RunOutcome.skipped(sets.get(i), launch.stop().fired()
                        ? "not run: the launch was asked to stop" : "not run: fail_fast after a failed run");
            }
        }
        return Arrays.asList(outcomes);
    }

    /** The results of the succeeded runs, in the order they ended. */
    List<RunResult> results() {
        synchronized (ended) {
            return List.copyOf(ended);
        }
    }

    private void runInParallel() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, threads(launch.entry().name()));
        Semaphore slots = new Semaphore(parallel);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int i = 0; i < sets.size(); i++) {
                slots.acquire(); // a slot frees when a run ends: only then is the next one decided
                if (!mayLaunch()) {
                    slots.release();
                    break;
                }
                int index = i;
                running.add(pool.submit(() -> {
                    try {
                        outcomes[index] = runOne(sets.get(index));
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) { // runOne records exceptions: only an Error gets here
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private boolean mayLaunch() {
        return !launch.stop().fired() && !(failFast && failed.get());
    }

    private RunOutcome runOne(ParamSet set) {
        RunSpec spec = launch.spec().toBuilder().runId(null).params(set.values()).outputs(outputs).build();
        try {
            List<RunResult> results = launch.proceed(spec);
            synchronized (ended) {
                ended.addAll(results);
            }
            if (results.isEmpty()) {
                failed.set(true);
                return RunOutcome.failed(set, null, "the wrapped launcher '" + launch.entry().wraps()
                        + "' made no run");
            }
            return RunOutcome.succeeded(set, results.get(results.size() - 1));
        } catch (Exception e) {
            failed.set(true);
            String runId = e instanceof RunFailedException f ? f.runId() : null;
            return RunOutcome.failed(set, runId, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static ThreadFactory threads(String entry) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sluice-sweep-" + entry + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
