package io.sluice.cli;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar (me.tongfei progressbar) ticking once per completed node, with the
 * elapsed time, the ETA, the nodes running now (several with the parallel runner) and how far
 * their long loads and saves have got ({@link DatasetProgress}):
 * {@code running split_data · loading model_input_table 34 % 19/56 MB}.
 */
final class ConsoleProgressBar extends ProgressHook {
    private volatile ProgressBar bar;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final DatasetProgress datasets = new DatasetProgress(this::show, System::nanoTime);

    @Override
    Progress datasets() {
        return datasets;
    }

    @Override
    void started(RunContext run, Pipeline pipeline) {
        running.clear();
        bar = new ProgressBarBuilder()
                .setTaskName(run.pipelineName())
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" nodes", 1)
                .setUpdateIntervalMillis(100)
                .continuousUpdate() // redrawn while a node works too: its elapsed time and its loads and saves move
                .build();
    }

    @Override
    public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
        running.add(node.name());
        show();
    }

    @Override
    void nodeCompleted(int done, Node node) {
        running.remove(node.name());
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(done);
            show();
        }
    }

    private void show() {
        ProgressBar b = bar;
        if (b != null) {
            b.setExtraMessage(message(running, datasets.text()));
        }
    }

    /** {@code running a, b · loading x 34 % 19/56 MB}: the nodes running, then the loads and saves in progress. */
    static String message(Set<String> running, String datasets) {
        String nodes = running.isEmpty() ? "" : "running " + String.join(", ", running);
        return datasets.isEmpty() ? nodes : nodes.isEmpty() ? datasets : nodes + " · " + datasets;
    }

    @Override
    public void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
        close();
    }

    @Override
    public void onPipelineError(RunContext run, Pipeline pipeline, Throwable error) {
        close();
    }

    @Override
    public synchronized void close() {
        ProgressBar b = bar;
        bar = null;
        if (b != null) {
            b.close();
        }
    }
}
