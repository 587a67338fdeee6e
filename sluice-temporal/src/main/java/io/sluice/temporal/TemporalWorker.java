package io.sluice.temporal;

import io.sluice.launch.StopSignal;
import io.sluice.session.Session;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Sluice worker of one {@code temporal} entry: polls the entry's task queue for the workflows
 * and group activities of its runs and executes groups in one compiled session (the project is
 * compiled once, whatever the number of groups and runs), at most {@code worker_slots} at a time.
 * A stop signal (SIGTERM, Ctrl-C) stops polling, lets running groups finish for the grace, then
 * interrupts them (their runs are cancelled; Temporal retries them on another worker).
 */
public final class TemporalWorker {
    private TemporalWorker() {
    }

    /**
     * Serves until {@code stop} fires.
     *
     * @param session the compiled session groups run in
     * @param entry   the entry's name, for messages
     * @param grace   how long running groups may take to finish after the stop signal
     */
    public static void serve(Session session, String entry, TemporalConfig config, PrintWriter out, StopSignal stop,
                             Duration grace) throws InterruptedException {
        String identity = Connection.identity();
        try (Connection connection = Connection.open(config, session.options().projectDir().toAbsolutePath(), entry)) {
            WorkerFactory factory = WorkerFactory.newInstance(connection.client);
            Worker worker = factory.newWorker(config.taskQueue(), WorkerOptions.newBuilder()
                    .setIdentity(identity)
                    .setMaxConcurrentActivityExecutionSize(config.workerSlots())
                    .build());
            worker.registerWorkflowImplementationTypes(GroupRunWorkflowImpl.class);
            worker.registerActivitiesImplementations(new GroupActivitiesImpl(session, identity));
            long warming = System.nanoTime();
            int prepared = WorkerWarmUp.run(session, config.groupBy(), connection.client.getOptions()
                    .getDataConverter());
            long warmedMs = (System.nanoTime() - warming) / 1_000_000;
            factory.start();
            say(out, "Worker " + identity + " polls task queue " + config.taskQueue() + " at " + config.address()
                    + " (namespace " + config.namespace() + ") for project " + session.options().projectDir()
                    + ", environment " + session.options().env() + ", " + config.workerSlots() + " group"
                    + (config.workerSlots() == 1 ? "" : "s") + " at a time (" + prepared + " group plan" + (prepared == 1
                    ? "" : "s") + " compiled before polling, in " + warmedMs + " ms). Stop it with Ctrl-C or SIGTERM.");
            try {
                stop.await();
            } finally {
                say(out, "Worker " + identity + " stopping: no new group; running groups get " + grace.toSeconds()
                        + " s to finish.");
                factory.shutdown();
                factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
                if (!factory.isTerminated()) {
                    factory.shutdownNow(); // the running groups are cancelled; Temporal retries them elsewhere
                    factory.awaitTermination(10, TimeUnit.SECONDS);
                }
                say(out, "Worker " + identity + " stopped.");
            }
        }
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
