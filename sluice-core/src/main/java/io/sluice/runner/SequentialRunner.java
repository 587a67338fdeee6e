package io.sluice.runner;

/** Runs nodes one after the other, in the pipeline's deterministic toposort order. */
public final class SequentialRunner implements Runner {

    @Override
    public void run(Schedule schedule, NodeTask task) throws NodeFailedException {
        int n = schedule.size();
        for (int i = 0; i < n; i++) {
            try {
                task.run(i);
            } catch (Exception | Error e) {
                throw new NodeFailedException(i, schedule.nodeName(i), e);
            }
        }
    }

    @Override
    public String name() {
        return "sequential";
    }
}
