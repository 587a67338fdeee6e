package io.sluice.session;

import io.sluice.hooks.Hook;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a caller in this process adds to a {@link io.sluice.run.RunSpec}: values injected as
 * datasets for this run only, and hooks for this run only. Never serialised — a spec sent to
 * another process carries none of it.
 *
 * <p>Injecting a free input feeds it; injecting a dataset some node produces overrides it, and
 * the nodes needed only for it do not run. A value may be {@code null}.
 *
 * @param inputs   injected values by dataset name
 * @param hooks    hooks called after the project's hooks
 * @param progress where the run's datasets report long loads and saves ({@link RunContext#progress()});
 *                 {@link Progress#NONE} unless the caller shows it (the {@code sluice} command on a terminal)
 */
public record Injected(Map<String, Object> inputs, List<Hook> hooks, Progress progress) {

    /** Nothing injected. */
    public static final Injected NONE = new Injected(Map.of(), List.of());

    public Injected {
        // empty ones are shared: a service injects per call; null values are allowed, so no Map.copyOf
        if (inputs.isEmpty()) {
            inputs = Map.of();
        } else if (inputs.size() == 1) { // the common single injected value: one small immutable map
            Map.Entry<String, Object> only = inputs.entrySet().iterator().next();
            inputs = Collections.singletonMap(only.getKey(), only.getValue());
        } else {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }
        hooks = hooks.isEmpty() ? List.of() : List.copyOf(hooks);
        progress = progress == null ? Progress.NONE : progress;
    }

    /** These values and hooks, no progress reported. */
    public Injected(Map<String, Object> inputs, List<Hook> hooks) {
        this(inputs, hooks, Progress.NONE);
    }

    /** These values, no hook. */
    public static Injected inputs(Map<String, ?> values) {
        return new Injected(new LinkedHashMap<>(values), List.of());
    }

    /** One value, no hook. */
    public static Injected input(String dataset, Object value) {
        return new Injected(Collections.singletonMap(dataset, value), List.of());
    }

    /** One hook, no value. */
    public static Injected hook(Hook hook) {
        return NONE.plusHook(hook);
    }

    /** These values and hooks plus the value of {@code dataset}. */
    public Injected plusInput(String dataset, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(inputs);
        m.put(dataset, value);
        return new Injected(m, hooks, progress);
    }

    /** These values and hooks plus {@code hook}, called after the others. */
    public Injected plusHook(Hook hook) {
        List<Hook> l = new ArrayList<>(hooks);
        l.add(hook);
        return new Injected(inputs, l, progress);
    }

    /** These values and hooks, the run's datasets reporting their progress to {@code progress}. */
    public Injected withProgress(Progress progress) {
        return new Injected(inputs, hooks, progress);
    }
}
