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
 */
public record Task(String id, List<String> nodes, List<String> dependsOn, String image, TaskSettings settings,
                   TaskPolicy policy) {
    public Task {
        nodes = List.copyOf(nodes);
        dependsOn = List.copyOf(dependsOn);
    }
}
