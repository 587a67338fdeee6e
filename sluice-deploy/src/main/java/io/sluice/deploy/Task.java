package io.sluice.deploy;

import java.util.List;

/**
 * One group as an orchestrator task.
 *
 * @param id        the group id (what {@code sluice run --group} takes)
 * @param nodes     its nodes, in execution order
 * @param dependsOn the ids of the groups it reads data from, in the plan's task order
 * @param image     the container image
 * @param settings  its settings from deploy.yml (defaults applied)
 * @param policy    its retries and deadline
 * @param artifacts the persisted datasets its nodes write, in node then output order, each with its
 *                  artifact kind (what platforms that tell models from data are told)
 */
public record Task(String id, List<String> nodes, List<String> dependsOn, String image, TaskSettings settings,
                   TaskPolicy policy, List<Artifact> artifacts) {
    public Task {
        nodes = List.copyOf(nodes);
        dependsOn = List.copyOf(dependsOn);
        artifacts = List.copyOf(artifacts);
    }

    /**
     * A persisted output of a task.
     *
     * @param dataset the dataset name
     * @param kind    {@code model} (a trained model) or {@code dataset} (data), from the pipeline
     *                document's {@code artifact_kind}
     */
    public record Artifact(String dataset, String kind) {
    }

    /** The names of its artifacts of {@code kind}. */
    public List<String> artifacts(String kind) {
        return artifacts.stream().filter(a -> a.kind().equals(kind)).map(Artifact::dataset).toList();
    }
}
