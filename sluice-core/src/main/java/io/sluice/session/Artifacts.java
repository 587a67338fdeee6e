package io.sluice.session;

import java.lang.reflect.Type;
import java.util.Map;
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

    /** The shared value of slot {@code s} of {@code plan} as {@code type}, reading it the first time. */
    Object get(CompiledPlan plan, int s, Type type) {
        Slot slot = plan.slots[s];
        return values.computeIfAbsent(new Key(slot.name(), type), k -> slot.shared().load(type));
    }

    /** Reads every artifact of {@code plan} that is not read yet (at plan compilation). */
    void preload(CompiledPlan plan) {
        for (int i = 0; i < plan.nodes.length; i++) {
            for (int j = 0; j < plan.inputSlots[i].length; j++) {
                int s = plan.inputSlots[i][j];
                if (s >= 0 && plan.slots[s].artifact()) {
                    get(plan, s, plan.inputTypes[i][j]);
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
