package io.sluice.hooks;

import io.sluice.group.GroupRule;
import io.sluice.group.Grouping;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several hooks called as one, in registration order. Immutable. Runners ask {@link #isEmpty()}
 * first so that a run without hooks builds no input/output maps.
 */
public final class Hooks implements Hook {
    private static final Hooks NONE = new Hooks(new Hook[0]);
    private final Hook[] hooks;

    private Hooks(Hook[] hooks) {
        this.hooks = hooks;
    }

    /** The given hooks, in this order. */
    public static Hooks of(List<? extends Hook> hooks) {
        return hooks.isEmpty() ? NONE : new Hooks(hooks.toArray(new Hook[0]));
    }

    /** These hooks followed by {@code more}. */
    public Hooks plus(List<? extends Hook> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Hook> all = new ArrayList<>(List.of(hooks));
        all.addAll(more);
        return of(all);
    }

    /** Whether there is no hook to call. */
    public boolean isEmpty() {
        return hooks.length == 0;
    }

    /** The hooks, in call order. */
    public List<Hook> list() {
        return List.of(hooks);
    }

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        for (Hook h : hooks) {
            h.beforePipelineRun(run, pipeline);
        }
    }

    @Override
    public void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
        for (Hook h : hooks) {
            h.afterPipelineRun(run, pipeline, outputs);
        }
    }

    @Override
    public void onPipelineError(RunContext run, Pipeline pipeline, Throwable error) {
        for (Hook h : hooks) {
            h.onPipelineError(run, pipeline, error);
        }
    }

    @Override
    public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
        for (Hook h : hooks) {
            h.beforeNodeRun(run, node, inputs);
        }
    }

    @Override
    public void afterNodeRun(RunContext run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        for (Hook h : hooks) {
            h.afterNodeRun(run, node, inputs, outputs);
        }
    }

    @Override
    public void onNodeCompleted(RunContext run, Node node) {
        for (Hook h : hooks) {
            h.onNodeCompleted(run, node);
        }
    }

    @Override
    public void onNodeError(RunContext run, Node node, Map<String, Object> inputs, Throwable error) {
        for (Hook h : hooks) {
            h.onNodeError(run, node, inputs, error);
        }
    }

    @Override
    public void beforeDatasetLoaded(RunContext run, String dataset, Node node) {
        for (Hook h : hooks) {
            h.beforeDatasetLoaded(run, dataset, node);
        }
    }

    @Override
    public void afterDatasetLoaded(RunContext run, String dataset, Object data, Node node) {
        for (Hook h : hooks) {
            h.afterDatasetLoaded(run, dataset, data, node);
        }
    }

    @Override
    public void beforeDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        for (Hook h : hooks) {
            h.beforeDatasetSaved(run, dataset, data, node);
        }
    }

    @Override
    public void afterDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        for (Hook h : hooks) {
            h.afterDatasetSaved(run, dataset, data, node);
        }
    }

    @Override
    public List<String> checkGroups(Grouping grouping) {
        List<String> all = new ArrayList<>();
        for (Hook h : hooks) {
            all.addAll(h.checkGroups(grouping));
        }
        return all;
    }

    /**
     * Each hook's {@link Hook#checkGroups} as a rule named after the hook's class (simple name,
     * {@code #2}... for a second hook of the same class), in registration order: what
     * {@link io.sluice.group.Grouper#check} takes.
     */
    public Map<String, GroupRule> groupRules() {
        Map<String, GroupRule> rules = new LinkedHashMap<>();
        for (Hook h : hooks) {
            String name = h.getClass().getSimpleName().isEmpty() ? h.getClass().getName() : h.getClass().getSimpleName();
            String key = name;
            for (int k = 2; rules.containsKey(key); k++) {
                key = name + "#" + k;
            }
            rules.put(key, h::checkGroups);
        }
        return rules;
    }
}
