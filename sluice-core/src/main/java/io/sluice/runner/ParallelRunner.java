package io.sluice.runner;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent nodes at the same time on a pool of {@code maxWorkers} threads.
 *
 * <p>Scheduling is done by the calling thread alone (Kahn's algorithm over the {@link Schedule}),
 * so no lock guards the dependency counts: workers only run nodes and report back through a
 * queue. Nodes that become ready together are submitted in increasing index order. The pool's
 * threads are daemons and are reused across runs; call {@link #close()} to stop them early.
 *
 * <p>Nodes run attempt by attempt ({@link NodeTask#attempt}): a node waiting out the backoff
 * before a retry holds no worker thread, so other ready nodes run meanwhile; when its backoff
 * has passed, the node goes back to the pool like a node that just became ready. Its timer is
 * the run policy's ({@link PolicyClock}), which the session owns; the queue the retry comes back
 * through is this run's.
 */
public final class ParallelRunner implements Runner, AutoCloseable {
    private final int maxWorkers;
    private final ExecutorService pool;

    /** A runner with {@code maxWorkers} threads; 0 means the number of available processors. */
    public ParallelRunner(int maxWorkers) {
        if (maxWorkers < 0) {
            throw new IllegalArgumentException("maxWorkers must be >= 0, got " + maxWorkers);
        }
        this.maxWorkers = maxWorkers == 0 ? Runtime.getRuntime().availableProcessors() : maxWorkers;
        // threads are told apart by this runner's identity, not by a process-wide counter
        String pool = Integer.toHexString(System.identityHashCode(this));
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "sluice-worker-" + pool + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(this.maxWorkers, threads);
    }

    /** The number of worker threads. */
    public int maxWorkers() {
        return maxWorkers;
    }

    @Override
    public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
        int n = schedule.size();
        if (n == 0) {
            return;
        }
        int[] waiting = new int[n];
        LinkedBlockingQueue<Completion> done = new LinkedBlockingQueue<>();
        int inFlight = 0;
        for (int i = 0; i < n; i++) {
            waiting[i] = schedule.parentCount(i);
            if (waiting[i] == 0) {
                submit(task, i, done);
                inFlight++;
            }
        }
        int completed = 0;
        Completion firstFailure = null;
        while (inFlight > 0) {
            Completion c = take(done);
            if (c.retryDue) {
                submit(task, c.node, done); // still in flight: its backoff has passed
                continue;
            }
            inFlight--;
            if (c.error != null) {
                if (firstFailure == null) {
                    firstFailure = c;
                }
                continue;
            }
            completed++;
            if (firstFailure != null) {
                continue;
            }
            for (int child : schedule.children(c.node)) {
                if (--waiting[child] == 0) {
                    submit(task, child, done);
                    inFlight++;
                }
            }
        }
        if (firstFailure != null) {
            throw new NodeFailedException(firstFailure.node, schedule.nodeName(firstFailure.node), firstFailure.error);
        }
        if (completed != n) {
            throw new IllegalStateException("parallel runner finished " + completed + " of " + n
                    + " nodes: the schedule is not a DAG");
        }
    }

    private void submit(NodeTask task, int node, LinkedBlockingQueue<Completion> done) {
        Runnable attempt = () -> {
            Throwable error = null;
            try {
                if (!task.attempt(node, () -> done.add(new Completion(node, null, true)))) {
                    return; // a retry is due later: it comes back through the queue
                }
            } catch (Exception | Error e) {
                error = e;
            }
            done.add(new Completion(node, error, false));
        };
        try {
            pool.execute(attempt);
        } catch (RejectedExecutionException closed) {
            attempt.run(); // the runner was closed during the run (its session closing): finish here
        }
    }

    private static Completion take(LinkedBlockingQueue<Completion> done) {
        try {
            return done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nodes to finish", e);
        }
    }

    @Override
    public String name() {
        return "parallel";
    }

    /** Stops the worker threads once the nodes already submitted are done. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** A node that ended ({@code error} null when it completed), or whose retry is due. */
    private record Completion(int node, Throwable error, boolean retryDue) {
    }
}
