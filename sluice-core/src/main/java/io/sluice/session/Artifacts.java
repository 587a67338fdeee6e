package io.sluice.session;

import io.sluice.io.DataLocation;
import io.sluice.lease.LeaseMode;
import io.sluice.lease.LeaseRequest;
import io.sluice.lease.Leases;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of artifacts — datasets a pipeline reads but never writes — read once per session
 * and shared by all its runs, per dataset and declared type (a node taking {@code List<Row>} and
 * one taking {@code Object} get their own decoding). A run that saves a dataset drops its shared
 * values, so a later run reads the new data. Thread-safe.
 */
final class Artifacts {
    private record Key(String dataset, Type type) {
    }

    private final Map<Key, Object> values = new ConcurrentHashMap<>();
    /** Whether a read waits for a run writing the data, or is refused (the session's {@code sharedData}). */
    private final boolean waitForWriters;

    Artifacts(boolean waitForWriters) {
        this.waitForWriters = waitForWriters;
    }

    /**
     * The shared value of slot {@code s} of {@code plan} as {@code type}, reading it the first time
     * (in a run: after another run of the session wrote the data). A run takes no lease for it:
     * leases are taken all at once before a run's first node, in one order, and one taken in the
     * middle of a run could deadlock with another run; the data is read whole anyway, as saves
     * replace it atomically.
     */
    Object get(CompiledPlan plan, int s, Type type, RunContext run) {
        Slot slot = plan.slots[s];
        return values.computeIfAbsent(new Key(slot.name(), type), k -> slot.shared().load(run, type));
    }

    /**
     * Reads every artifact of {@code plan} that is not read yet, when the plan is compiled — before
     * the run that compiles it takes any lease, so it can take a shared lease on each artifact's
     * data while it reads it: a run writing that data finishes first.
     */
    void preload(CompiledPlan plan, RunContext run) {
        for (int i = 0; i < plan.nodes.length; i++) {
            for (int j = 0; j < plan.inputSlots[i].length; j++) {
                int s = plan.inputSlots[i][j];
                if (s >= 0 && plan.slots[s].artifact()) {
                    Slot slot = plan.slots[s];
                    Type type = plan.inputTypes[i][j];
                    values.computeIfAbsent(new Key(slot.name(), type), k -> {
                        Optional<DataLocation> where = slot.shared().sharedLocation(run);
                        try (Leases.Held read = where.isEmpty() ? Leases.NONE : Leases.acquire(List.of(
                                new LeaseRequest(where.get().lockFile(), LeaseMode.SHARED, where.get().display())),
                                run.runId(), waitForWriters)) {
                            return slot.shared().load(run, type);
                        }
                    });
                }
            }
        }
    }

    /** Whether every artifact {@code plan} reads has its shared value loaded (none is read at run time). */
    boolean loaded(CompiledPlan plan) {
        for (int i = 0; i < plan.nodes.length; i++) {
            for (int j = 0; j < plan.inputSlots[i].length; j++) {
                int s = plan.inputSlots[i][j];
                if (s >= 0 && plan.slots[s].artifact()
                        && !values.containsKey(new Key(plan.slots[s].name(), plan.inputTypes[i][j]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Forgets the shared values of {@code dataset} after a run wrote it. */
    void invalidate(String dataset) {
        if (!values.isEmpty()) {
            values.keySet().removeIf(k -> k.dataset().equals(dataset));
        }
    }

    /**
     * Closes the shared values that hold resources ({@link AutoCloseable}, e.g. an ONNX Runtime
     * session) when the session closes; the first failure is rethrown after all were tried.
     */
    void close() {
        RuntimeException first = null;
        for (Object value : values.values()) {
            if (value instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = new IllegalStateException("closing a shared artifact failed: " + e, e);
                    }
                }
            }
        }
        values.clear();
        if (first != null) {
            throw first;
        }
    }
}
