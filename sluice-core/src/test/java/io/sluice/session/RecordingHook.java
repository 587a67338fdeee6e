package io.sluice.session;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every hook call as a line such as {@code afterNodeRun double}. Thread-safe. */
final class RecordingHook implements Hook {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> runIds = new CopyOnWriteArrayList<>();

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        events.add("beforePipelineRun " + run.pipelineName());
        runIds.add(run.runId());
    }

    @Override
    public void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
        events.add("afterPipelineRun " + outputs.keySet());
    }

    @Override
    public void onPipelineError(RunContext run, Pipeline pipeline, Throwable error) {
        events.add("onPipelineError");
    }

    @Override
    public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
        events.add("beforeNodeRun " + node.name() + " " + inputs);
    }

    @Override
    public void afterNodeRun(RunContext run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
        events.add("afterNodeRun " + node.name() + " " + outputs);
    }

    @Override
    public void onNodeCompleted(RunContext run, Node node) {
        events.add("onNodeCompleted " + node.name());
    }

    @Override
    public void onNodeError(RunContext run, Node node, Map<String, Object> inputs, Throwable error) {
        events.add("onNodeError " + node.name());
    }

    @Override
    public void beforeDatasetLoaded(RunContext run, String dataset, Node node) {
        events.add("beforeDatasetLoaded " + dataset + " " + node.name());
    }

    @Override
    public void afterDatasetLoaded(RunContext run, String dataset, Object data, Node node) {
        events.add("afterDatasetLoaded " + dataset + " " + node.name() + " " + data);
    }

    @Override
    public void beforeDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        events.add("beforeDatasetSaved " + dataset + " " + node.name() + " " + data);
    }

    @Override
    public void afterDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        events.add("afterDatasetSaved " + dataset + " " + node.name() + " " + data);
    }
}
