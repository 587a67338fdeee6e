package io.sluice.temporal;

import io.sluice.group.Grouping;
import io.sluice.run.GroupBy;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does before it polls, so that its first groups do not pay for it while the run's
 * clock runs: the groups of every pipeline as the entry groups them, each group's plan compiled
 * ({@link Session#prepare}: nothing runs, nothing is written), and the activity's values through
 * Temporal's data converter once. A pipeline that cannot be grouped so is left for its first run
 * to refuse. Its time is logged.
 */
final class WorkerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerWarmUp.class);

    private WorkerWarmUp() {
    }

    /** @return the groups whose plans were compiled */
    static int run(Session session, GroupBy groupBy, DataConverter converter) {
        long start = System.nanoTime();
        int prepared = 0;
        for (String pipeline : session.pipelineNames()) {
            try {
                Grouping grouping = session.grouping(pipeline, groupBy);
                for (String group : grouping.groupIds()) {
                    session.prepare(RunSpec.builder(pipeline).group(group).groupBy(groupBy).build(), Injected.NONE);
                    prepared++;
                }
            } catch (RuntimeException cannotGroup) { // its runs will say why, if any comes
                LOG.debug("Warm-up: pipeline {} not prepared: {}", pipeline, cannotGroup.toString());
            }
        }
        roundTrip(converter);
        LOG.debug("Warm-up: {} group plans compiled in {} ms", prepared, (System.nanoTime() - start) / 1_000_000);
        return prepared;
    }

    /** The activity's input and outputs, and the workflow's, once through the converter. */
    private static void roundTrip(DataConverter converter) {
        RunInput.GroupTask task = new RunInput.GroupTask("g", List.of(), RunSpec.of("p").toJson());
        RunInput input = new RunInput("r", "p", List.of(task), List.of(), 1, 1, 1, 1, 1, 1, 1.0, List.of());
        converter.fromPayload(converter.toPayload(input).orElseThrow(), RunInput.class, RunInput.class);
        converter.fromPayload(converter.toPayload(new GroupOutcome("g", "w", 1, 1, 1)).orElseThrow(),
                GroupOutcome.class, GroupOutcome.class);
        converter.fromPayload(converter.toPayload(new Heartbeat("g", "w", 1, 0, null)).orElseThrow(),
                Heartbeat.class, Heartbeat.class);
        converter.fromPayload(converter.toPayload(new RunStatus("r", "running", List.of(
                new RunStatus.GroupStatus("g", "done", 1, "w", null)), null)).orElseThrow(), RunStatus.class,
                RunStatus.class);
        converter.fromPayload(converter.toPayload(new GroupFailure("g", "w", 1, null)).orElseThrow(),
                GroupFailure.class, GroupFailure.class);
        RunSpec.fromJson(task.spec());
    }
}
