package io.sluice.cli;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (me.tongfei progressbar) ticking once per completed node. */
final class ConsoleProgressBar extends ProgressHook {
    private volatile ProgressBar bar;

    @Override
    void started(RunContext run, Pipeline pipeline) {
        bar = new ProgressBarBuilder()
                .setTaskName(run.pipelineName())
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" nodes", 1)
                .setUpdateIntervalMillis(100)
                .hideEta()
                .build();
    }

    @Override
    void nodeCompleted(int done, Node node) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(done);
            b.setExtraMessage(node.name());
        }
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
