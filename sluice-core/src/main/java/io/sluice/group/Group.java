package io.sluice.group;

import java.util.List;

/**
 * One group of a {@link Grouping}: a task of a deployment.
 *
 * @param id    a safe name ({@link io.sluice.run.RunIds#isSafeName}), the same in every process
 * @param nodes the member node names, in pipeline (execution) order
 */
public record Group(String id, List<String> nodes) {
    public Group {
        nodes = List.copyOf(nodes);
    }
}
