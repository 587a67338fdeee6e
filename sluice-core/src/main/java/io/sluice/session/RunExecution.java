package io.sluice.session;

import io.sluice.hooks.Hooks;
import io.sluice.io.Dataset;
import io.sluice.io.MemoryDataset;
import io.sluice.journal.JournalPart;
import io.sluice.pipeline.Node;
import io.sluice.run.NodeState;
import io.sluice.run.RunContext;
import io.sluice.run.RunJournal;
import io.sluice.run.RunTimes;
import io.sluice.runner.NodeAttempt;
import io.sluice.runner.NodeAttemptsException;
import io.sluice.runner.NodePolicy;
import io.sluice.runner.NodeTask;
import io.sluice.runner.NodeTimeoutException;
import io.sluice.runner.PolicyClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The state of one run of a {@link CompiledPlan}: the run's datasets (shared catalog datasets,
 * fresh memory datasets, injected values), the values to return, per-node status and timings.
 * Nodes may run on several threads; each touches only its own entries, and dataset release
 * counts are atomic. When the run writes a journal, each node is recorded in it as it finishes;
 * when it can be cancelled, no node starts after the cancellation and node functions running
 * then are interrupted.
 */
final class RunExecution implements NodeTask {
    static final byte NOT_RUN = 0;
    static final byte COMPLETED = 1;
    static final byte FAILED = 2;
    /** Stopped by the run's cancellation while it ran. */
    static final byte CANCELLED = 3;
    private static final Object EMPTY = new Object();

    private final CompiledPlan plan;
    private final RunContext context;
    private final Hooks hooks;
    private final Object[][] boundParams;
    /** The catalog's dataset of each slot the run reads or writes through the catalog; null for slots held here. */
    private final Dataset<?>[] datasets;
    /**
     * For slots whose values this run holds itself (memory datasets and injected values): the
     * dataset whose copy mode applies (shared by runs, never written); null for catalog slots.
     */
    private final MemoryDataset<?>[] copiers;
    /** The values of the slots held here; {@link #EMPTY} when nothing is saved (or it was released). */
    private final AtomicReferenceArray<Object> values;
    private final boolean[] returned;
    private final Object[] returnedValues;
    private final AtomicIntegerArray unreadBy;
    private final Set<String> outputs;
    private final Artifacts artifacts;
    final byte[] status;
    final long[] startNanos;
    final long[] durationNanos;
    final String[] errors;
    /** Nodes run one after the other on one thread: a node starts when the previous one ended. */
    private boolean chained;
    private long lastEnd;
    /** The journal part nodes are recorded in as they finish, or null. */
    private JournalPart journal;
    /** The cancel flag of a started run, or null for a run nobody can cancel. */
    private final Cancellation cancellation;
    /**
     * The retries and timeouts of the run, or null when the runner entry has none: then
     * {@link #run} is the plain path. One field, not three, so that a run without a policy
     * allocates no byte more than before policies existed (the object keeps its size class).
     */
    private Policies policy;
    /** When the run started, as an instant and as {@link System#nanoTime()}: node times are offsets from it. */
    final Instant startedAt;
    final long startedNanos;

    /**
     * @param artifacts    the session's shared artifact values, or {@code null} to read every input
     *                     in every run
     * @param cancellation the run's cancel flag, or {@code null} when it cannot be cancelled
     */
    RunExecution(CompiledPlan plan, RunContext context, Hooks hooks, Object[][] boundParams,
                 Map<String, Object> injected, Set<String> outputs, Artifacts artifacts, Cancellation cancellation) {
        this.startedAt = Instant.now();
        this.startedNanos = System.nanoTime();
        this.cancellation = cancellation;
        this.plan = plan;
        this.artifacts = artifacts;
        this.context = context;
        this.hooks = hooks;
        this.boundParams = boundParams;
        this.outputs = outputs;
        int slots = plan.slots.length;
        this.datasets = new Dataset<?>[slots];
        this.copiers = new MemoryDataset<?>[slots];
        this.values = new AtomicReferenceArray<>(slots);
        this.returned = new boolean[slots];
        this.returnedValues = new Object[slots];
        this.unreadBy = new AtomicIntegerArray(slots);
        for (int s = 0; s < slots; s++) {
            Slot slot = plan.slots[s];
            Object value = injected.get(slot.name());
            if (value != null || injected.containsKey(slot.name())) {
                // an injected value replaces the slot's dataset for this run
                copiers[s] = slot.prototype() != null ? slot.prototype() : new MemoryDataset<>(slot.name(), null);
                values.set(s, copiers[s].copyOf(value));
            } else if (slot.prototype() != null) {
                copiers[s] = slot.prototype();
                values.set(s, EMPTY);
            } else {
                datasets[s] = slot.shared();
            }
            unreadBy.set(s, slot.consumers());
        }
        for (String name : outputs) {
            int s = plan.slotIndex.get(name);
            returned[s] = true;
            if (injected.containsKey(name)) {
                returnedValues[s] = injected.get(name); // asked back as it was given; no node saves it
            }
        }
        int n = plan.nodes.length;
        this.status = new byte[n];
        this.startNanos = new long[n];
        this.durationNanos = new long[n];
        this.errors = new String[n];
    }

    /**
     * Declares that the runner runs nodes one after the other on one thread, so each node's start
     * time is the previous node's end time: one clock read per node instead of two.
     */
    void chainTimings() {
        chained = true;
    }

    /**
     * Runs nodes under these retries and timeouts ({@code policies} by node index, null entries
     * for nodes without), timing attempts, backoffs and timeouts with {@code clock}.
     */
    void applyPolicy(NodePolicy[] nodePolicies, PolicyClock policyClock) {
        policy = new Policies(nodePolicies, policyClock, new int[nodePolicies.length],
                new Retrying[nodePolicies.length]);
        chained = false; // backoff waits lie between attempts: each start is read, not inferred
    }

    /**
     * @param nodes    each node's policy by index, null for nodes no rule selects
     * @param clock    the time of attempts, backoffs and timeouts
     * @param attempts how many times each node ran
     * @param retrying the failed attempts of each node that failed at least once, else null
     */
    private record Policies(NodePolicy[] nodes, PolicyClock clock, int[] attempts, Retrying[] retrying) {
    }

    /**
     * A node that failed at least once: its failed attempts, when its first attempt started, and
     * the backoff it waits out, if any. Touched by one attempt at a time; the runner's hand-over
     * of the node between attempts orders the accesses.
     */
    private static final class Retrying {
        final List<NodeAttempt> failed;
        final long firstStart;
        /** The backoff under way, or null. */
        Backoff backoff;
        /** Whether the run was cancelled while the node waited to retry. */
        boolean cancelledWaiting;

        Retrying(int maxAttempts, long firstStart) {
            this.failed = new java.util.ArrayList<>(maxAttempts);
            this.firstStart = firstStart;
        }
    }

    /**
     * The wait before a node's next attempt: ends once, when the clock's timer goes off or the
     * run is cancelled, whichever comes first, and then hands the node back ({@code retryDue}).
     */
    private final class Backoff implements Runnable {
        private final Runnable retryDue;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Runnable disarm;

        Backoff(Runnable retryDue) {
            this.retryDue = retryDue;
        }

        /** Starts the wait; the node is handed back at once when the run is cancelled already. */
        void begin(PolicyClock clock, Duration delay) {
            if (cancellation != null && !cancellation.backoffBegins(this)) {
                run();
                return;
            }
            Runnable d;
            try {
                d = clock.afterBackoff(delay, this);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                run(); // the session's timer was stopped (the session is closing): retry now
                return;
            }
            disarm = d;
            if (ended.get()) {
                d.run(); // a cancel ended the wait before the timer's handle was kept: disarm it here
            }
        }

        @Override
        public void run() {
            if (end()) {
                retryDue.run();
            }
        }

        /** Ends the wait without handing the node back; false if it had ended already. */
        boolean end() {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            Runnable d = disarm;
            if (d != null) {
                d.run();
            }
            if (cancellation != null) {
                cancellation.backoffEnded(this);
            }
            return true;
        }
    }

    /** Records each node in {@code part} as it finishes. */
    void journalTo(JournalPart part) {
        journal = part;
    }

    /** Whether the run was cancelled. */
    boolean cancelled() {
        return cancellation != null && cancellation.isCancelled();
    }

    /**
     * The nodes the run's cancellation found waiting out a retry's backoff, each as {@code node
     * 'name' (after N failed attempts)}, in node order; empty without any.
     */
    List<String> cancelledWhileWaitingToRetry() {
        if (policy == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>(1);
        for (int i = 0; i < policy.retrying.length; i++) {
            Retrying r = policy.retrying[i];
            if (r != null && r.cancelledWaiting) {
                out.add("node '" + plan.nodeName(i) + "' (after " + r.failed.size()
                        + (r.failed.size() == 1 ? " failed attempt)" : " failed attempts)"));
            }
        }
        return out;
    }

    /** The whole node, retries included: a backoff is waited out on this thread (or ended by a cancel). */
    @Override
    public void run(int i) {
        if (policy == null || policy.nodes[i] == null) {
            runOnce(i, null, true);
            return;
        }
        while (true) {
            java.util.concurrent.CountDownLatch due = new java.util.concurrent.CountDownLatch(1);
            if (attemptWithPolicy(i, policy.nodes[i], due::countDown)) {
                return;
            }
            try {
                due.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                Retrying r = policy.retrying[i];
                r.backoff.end();
                throw giveUp(i, policy.nodes[i], r, "interrupted while waiting to retry");
            }
        }
    }

    @Override
    public boolean attempt(int i, Runnable retryDue) {
        if (policy == null || policy.nodes[i] == null) {
            runOnce(i, null, true);
            return true;
        }
        return attemptWithPolicy(i, policy.nodes[i], retryDue);
    }

    /**
     * One attempt of node {@code i} under its policy: true when it succeeded; false when it
     * failed and its policy retries it, once the backoff (begun here, holding no thread) has
     * passed: {@code retryDue} runs then. Each failed attempt is reported to the hooks'
     * {@code onNodeError} with its own error; the final failure lists every attempt. The journal
     * records the node once, when it is done, with its attempt count.
     */
    private boolean attemptWithPolicy(int i, NodePolicy nodePolicy, Runnable retryDue) {
        PolicyClock clock = policy.clock;
        Retrying r = policy.retrying[i];
        int attempt = policy.attempts[i] + 1;
        if (r != null) {
            r.backoff = null;
            if (cancelled()) {
                status[i] = CANCELLED;
                r.cancelledWaiting = true;
                throw giveUp(i, nodePolicy, r, "the run was cancelled while waiting to retry");
            }
        }
        Instant at = clock.now();
        long t0 = clock.nanoTime();
        policy.attempts[i] = attempt;
        try {
            runOnce(i, nodePolicy, false);
        } catch (Cancelled e) {
            if (r == null) {
                throw e; // the node never started: it stays NOT_RUN
            }
            status[i] = CANCELLED;
            throw giveUp(i, nodePolicy, r, "the run was cancelled before attempt " + attempt);
        } catch (RuntimeException | Error e) {
            if (r == null) {
                r = new Retrying(nodePolicy.maxAttempts(), startNanos[i]);
                policy.retrying[i] = r;
            }
            r.failed.add(new NodeAttempt(attempt, at, Duration.ofNanos(clock.nanoTime() - t0),
                    e instanceof NodeExecutionException && e.getCause() != null ? e.getCause() : e));
            if (status[i] == CANCELLED) {
                throw giveUp(i, nodePolicy, r, "the run was cancelled");
            }
            if (attempt >= nodePolicy.maxAttempts()) {
                throw giveUp(i, nodePolicy, r, nodePolicy.maxAttempts() == 1 ? "no retry" : "attempts exhausted");
            }
            Backoff backoff = new Backoff(retryDue);
            r.backoff = backoff;
            // last: once begun, the node may be handed back (and run) on another thread
            backoff.begin(clock, nodePolicy.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
            return false;
        }
        finish(i, r);
        return true;
    }

    /** Ends node {@code i} as failed for good: its times span every attempt; the journal records it. */
    private NodeExecutionException giveUp(int i, NodePolicy nodePolicy, Retrying r, String why) {
        NodeExecutionException e = failedFor(i, nodePolicy, r.failed, why);
        finish(i, r);
        return e;
    }

    /** The node's start is its first attempt's and its duration runs to now; then the journal records it. */
    private void finish(int i, Retrying r) {
        if (r != null && r.firstStart != 0) {
            durationNanos[i] = System.nanoTime() - r.firstStart;
            startNanos[i] = r.firstStart;
        }
        if (journal != null && status[i] != NOT_RUN) {
            journal.node(record(i), writtenVersions(i));
        }
    }

    /**
     * {@link #call} with an alarm that interrupts the function (and only it: the alarm is armed
     * after the loads and disarmed before the saves) once {@code policy.timeout()} has passed.
     * A function the alarm went off in fails with a {@link NodeTimeoutException}, whatever it
     * returned or threw, and the interrupt does not outlive it.
     */
    private Object[] callWithin(Node node, Object[] args, NodePolicy policy) {
        PolicyClock clock = this.policy.clock;
        Thread caller = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(); // 0 running, 1 timed out, 2 done
        Runnable disarm = clock.schedule(policy.timeout(), () -> {
            if (state.compareAndSet(0, 1)) {
                caller.interrupt();
            }
        });
        Object[] results = null;
        RuntimeException thrown = null;
        try {
            results = call(node, args);
        } catch (Cancelled e) {
            throw e;
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            disarm.run();
            if (!state.compareAndSet(0, 2)) {
                Thread.interrupted(); // the alarm's interrupt is for the function, not the saves after it
            }
        }
        if (state.get() == 1) {
            Throwable cause = thrown != null && thrown.getCause() != null ? thrown.getCause() : thrown;
            NodeTimeoutException timedOut = new NodeTimeoutException(node.name(), policy.timeout(), policy.rules(), cause);
            throw new NodeExecutionException(timedOut.getMessage(), timedOut);
        }
        if (thrown != null) {
            throw thrown;
        }
        return results;
    }

    private NodeExecutionException failedFor(int i, NodePolicy policy, List<NodeAttempt> failed, String why) {
        NodeAttemptsException listed = new NodeAttemptsException(plan.nodeName(i), policy, failed, why);
        errors[i] = listed.getMessage();
        return new NodeExecutionException(listed.getMessage(), listed);
    }

    /**
     * One attempt of node {@code i}: loads, hooks, the call (limited by {@code policy}'s timeout
     * when it has one), saves; {@code journalIt} records the node as it finishes.
     */
    private void runOnce(int i, NodePolicy policy, boolean journalIt) {
        if (cancellation != null && cancellation.isCancelled()) {
            throw Cancelled.SIGNAL; // the node does not start: it stays NOT_RUN
        }
        Node node = plan.nodes[i];
        long start = chained && lastEnd != 0 ? lastEnd : System.nanoTime();
        startNanos[i] = start;
        Object[] args = new Object[node.inputs().size()];
        Map<String, Object> inputs = null;
        try (RunContext.Scope ignored = RunContext.enter(context)) {
            RunContext.logNode(node.name());
            loadInputs(i, node, args);
            if (!hooks.isEmpty()) {
                inputs = named(node.inputs(), args);
                hooks.beforeNodeRun(context, node, inputs);
            }
            Object[] results = policy == null || policy.timeout() == null ? call(node, args)
                    : callWithin(node, args, policy);
            if (!hooks.isEmpty()) {
                hooks.afterNodeRun(context, node, inputs, named(node.outputs(), results));
            }
            saveOutputs(i, node, results);
            releaseInputs(i);
            status[i] = COMPLETED;
            if (!hooks.isEmpty()) {
                hooks.onNodeCompleted(context, node);
            }
        } catch (Cancelled e) {
            startNanos[i] = 0; // cancelled between loading and calling: it did not run
            throw e;
        } catch (RuntimeException | Error e) {
            RuntimeException reported = e instanceof NodeExecutionException ne ? ne
                    : new NodeExecutionException(describeFailure(node, e), e);
            errors[i] = reported.getMessage();
            if (cancellation != null && cancellation.isCancelled()) {
                status[i] = CANCELLED; // stopped by the cancellation, not a failure of its own: no error hook
                throw reported;
            }
            status[i] = FAILED;
            if (!hooks.isEmpty()) {
                hooks.onNodeError(context, node, inputs == null ? named(node.inputs(), args) : inputs, e);
            }
            throw reported;
        } finally {
            RunContext.logNode(null);
            long end = System.nanoTime();
            if (startNanos[i] != 0) {
                durationNanos[i] = end - start;
            }
            lastEnd = end;
            if (journalIt && journal != null && status[i] != NOT_RUN) {
                journal.node(record(i), writtenVersions(i));
            }
        }
    }

    /** Calls the node's function; a cancellable run lets cancel() interrupt it (and only it). */
    private Object[] call(Node node, Object[] args) {
        if (cancellation != null && !cancellation.enterFunction()) {
            throw Cancelled.SIGNAL;
        }
        try {
            return node.run(args);
        } catch (Exception e) {
            throw new NodeExecutionException(describeFailure(node, e), e);
        } finally {
            if (cancellation != null) {
                cancellation.leaveFunction();
            }
        }
    }

    /** Node {@code i} as the journal records it. */
    RunJournal.NodeRecord record(int i) {
        byte s = status[i];
        String at = startNanos[i] == 0 ? null : RunTimes.format(startedAt.plusNanos(startNanos[i] - startedNanos));
        NodeState state = switch (s) {
            case COMPLETED -> NodeState.COMPLETED;
            case FAILED -> NodeState.FAILED;
            case CANCELLED -> NodeState.CANCELLED;
            default -> NodeState.NOT_RUN;
        };
        int tries = policy != null ? policy.attempts[i] : s == NOT_RUN ? 0 : 1;
        return new RunJournal.NodeRecord(plan.nodeName(i), state, at, durationNanos[i] / 1e6, errors[i],
                s == COMPLETED ? savedDatasets(i) : List.of(), tries);
    }

    /** The persisted datasets node {@code i} saves. */
    private List<String> savedDatasets(int i) {
        List<String> saved = null;
        for (int s : plan.outputSlots[i]) {
            if (plan.slots[s].shared() != null && plan.slots[s].persistent()) {
                if (saved == null) {
                    saved = new java.util.ArrayList<>(2);
                }
                saved.add(plan.slots[s].name());
            }
        }
        return saved == null ? List.of() : saved;
    }

    /** The versions node {@code i} wrote to versioned datasets, if it completed. */
    Map<String, String> writtenVersions(int i) {
        if (status[i] != COMPLETED) {
            return Map.of();
        }
        Map<String, String> written = null;
        for (int s : plan.outputSlots[i]) {
            if (plan.slots[s].shared() != null && plan.slots[s].shared().isVersioned()) {
                if (written == null) {
                    written = new LinkedHashMap<>();
                }
                written.put(plan.slots[s].name(), context.saveVersion());
            }
        }
        return written == null ? Map.of() : written;
    }

    /** Thrown into the runner for a node that must not start because the run was cancelled. */
    static final class Cancelled extends RuntimeException {
        static final Cancelled SIGNAL = new Cancelled();

        private Cancelled() {
            super("the run was cancelled", null, false, false);
        }
    }

    private void loadInputs(int i, Node node, Object[] args) {
        List<String> names = node.inputs();
        InputSource[] kinds = plan.inputSources[i];
        for (int j = 0; j < args.length; j++) {
            switch (kinds[j]) {
                case PARAMETER -> args[j] = boundParams[i][j];
                case RUN_CONTEXT -> args[j] = context;
                case ENGINE -> args[j] = ((io.sluice.engine.Engine<?>) boundParams[i][j]).get();
                case ENGINE_HANDLE -> args[j] = boundParams[i][j];
                case DATASET -> {
                    int s = plan.inputSlots[i][j];
                    if (!hooks.isEmpty()) {
                        hooks.beforeDatasetLoaded(context, names.get(j), node);
                    }
                    if (copiers[s] != null) {
                        Object held = values.get(s);
                        if (held == EMPTY) {
                            throw MemoryDataset.nothingSaved(names.get(j));
                        }
                        args[j] = copiers[s].copyOf(held);
                    } else if (artifacts != null && plan.slots[s].artifact()
                            && !context.loadVersions().containsKey(names.get(j))) {
                        args[j] = artifacts.get(plan, s, plan.inputTypes[i][j], context);
                    } else {
                        args[j] = datasets[s].load(context, plan.inputTypes[i][j]);
                    }
                    if (!hooks.isEmpty()) {
                        hooks.afterDatasetLoaded(context, names.get(j), args[j], node);
                    }
                }
                default -> throw new IllegalStateException("unknown input kind " + kinds[j]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void saveOutputs(int i, Node node, Object[] results) {
        List<String> names = node.outputs();
        int[] slots = plan.outputSlots[i];
        for (int k = 0; k < slots.length; k++) {
            int s = slots[k];
            Object value = results[k];
            if (!hooks.isEmpty()) {
                hooks.beforeDatasetSaved(context, names.get(k), value, node);
            }
            try {
                if (copiers[s] != null) {
                    values.set(s, copiers[s].copyOf(value));
                } else {
                    ((Dataset<Object>) datasets[s]).save(context, value);
                }
            } catch (ClassCastException e) {
                // a generic dataset (Dataset<String>…) handed a value of another type
                throw new NodeExecutionException("Node '" + node.name() + "' returned "
                        + (value == null ? "null" : "a " + value.getClass().getName()) + " for output '"
                        + names.get(k) + "', which dataset " + datasets[s].describe().getOrDefault("type", "")
                        + " cannot save: " + e.getMessage() + ". Change the node's return type or the dataset.", e);
            }
            if (returned[s]) {
                returnedValues[s] = value;
            }
            if (artifacts != null && plan.slots[s].persistent()) {
                artifacts.invalidate(names.get(k));
            }
            if (!hooks.isEmpty()) {
                hooks.afterDatasetSaved(context, names.get(k), value, node);
            }
            if (plan.slots[s].consumers() == 0 && !plan.slots[s].persistent()) {
                release(s);
            }
        }
    }

    /** Frees memory datasets once their last consumer has read them. */
    private void releaseInputs(int i) {
        for (int s : plan.inputSlots[i]) {
            if (s >= 0 && unreadBy.decrementAndGet(s) == 0 && !plan.slots[s].persistent()) {
                release(s);
            }
        }
    }

    private void release(int s) {
        if (copiers[s] != null) {
            values.set(s, EMPTY);
        } else {
            datasets[s].release();
        }
    }

    /** Whether this run holds data for {@code name} (tests inspect release). */
    boolean holds(String name) {
        int s = plan.slotIndex.get(name);
        return copiers[s] != null ? values.get(s) != EMPTY : datasets[s].exists(context);
    }

    String runId() {
        return context.runId();
    }

    /** The values the run returns, by dataset name, in request order. */
    Map<String, Object> outputs() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : outputs) {
            out.put(name, returnedValues[plan.slotIndex.get(name)]);
        }
        return out;
    }

    private String describeFailure(Node node, Throwable e) {
        String cause = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
        return "Node '" + node.name() + "' failed (inputs: " + (node.inputs().isEmpty() ? "none"
                : String.join(", ", node.inputs())) + "): " + cause;
    }

    private static Map<String, Object> named(List<String> names, Object[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size() && k < values.length; k++) {
            m.put(names.get(k), values[k]);
        }
        return m;
    }
}
