package io.sluice.hooks;

import io.sluice.group.Grouping;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.util.List;
import java.util.Map;

/**
 * Observes a run: the pipeline, each node and each dataset load and save. Every method has an
 * empty default, so a hook implements only what it needs. A project registers its hooks (see
 * {@link io.sluice.project.Project#hooks()}); several hooks are called in registration order
 * ("after" and "error" methods too). Hooks run on the thread that does the work, so with a
 * parallel runner node and dataset hooks must be thread-safe.
 *
 * <p>An exception thrown by a hook fails the run like a node failure would.
 */
public interface Hook {

    /** Before the first node of a run. */
    default void beforePipelineRun(RunContext run, Pipeline pipeline) {
    }

    /** After the last node of a successful run; {@code outputs} are the run's returned values. */
    default void afterPipelineRun(RunContext run, Pipeline pipeline, Map<String, Object> outputs) {
    }

    /** When a run fails. */
    default void onPipelineError(RunContext run, Pipeline pipeline, Throwable error) {
    }

    /** Before a node's function is called, with the loaded inputs by dataset name. */
    default void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
    }

    /**
     * After a node's function returned, with its outputs by dataset name — before they are saved
     * (as in Kedro); {@link #onNodeCompleted} follows once they are.
     */
    default void afterNodeRun(RunContext run, Node node, Map<String, Object> inputs, Map<String, Object> outputs) {
    }

    /**
     * After a node's outputs were all saved: the node is done and its data is on disk (or in
     * memory for memory datasets). Report progress here rather than in {@link #afterNodeRun},
     * which Kedro-style comes before the outputs are saved.
     */
    default void onNodeCompleted(RunContext run, Node node) {
    }

    /**
     * When a node's function, or the load or save of its data, fails. Under a retry rule of the
     * runner entry ({@code runners.yml}) this is called for every failed attempt, with that
     * attempt's error (a timed-out attempt's cause is an {@link io.sluice.runner.NodeTimeoutException});
     * the before/after node hooks run again for each attempt. The run's error (and the journal)
     * then lists every attempt.
     */
    default void onNodeError(RunContext run, Node node, Map<String, Object> inputs, Throwable error) {
    }

    /** Before {@code dataset} is loaded for {@code node}. */
    default void beforeDatasetLoaded(RunContext run, String dataset, Node node) {
    }

    /** After {@code dataset} was loaded for {@code node}. */
    default void afterDatasetLoaded(RunContext run, String dataset, Object data, Node node) {
    }

    /** Before {@code dataset} is saved from {@code node}. */
    default void beforeDatasetSaved(RunContext run, String dataset, Object data, Node node) {
    }

    /** After {@code dataset} was saved from {@code node}. */
    default void afterDatasetSaved(RunContext run, String dataset, Object data, Node node) {
    }

    /**
     * A project's own check of a grouping of its pipeline into deployable groups, run by
     * {@code sluice groups} and before any export or remote run, after the built-in checks
     * (acyclic, every node in exactly one group, no memory dataset across groups). Return one
     * sentence per problem, naming the offender and the fix ("group train reads raw_data: move
     * ingest_raw into ingest"); empty when fine. Not called during runs.
     */
    default List<String> checkGroups(Grouping grouping) {
        return List.of();
    }
}
