package io.sluice.group;

import java.util.List;

/**
 * A dataset produced in one group and consumed in others: it must be persisted for the groups
 * to run in separate processes.
 *
 * @param dataset   the dataset's name
 * @param from      the id of the group of its producer
 * @param to        the ids of the other groups that consume it, in group order
 * @param persisted whether the catalog persists it (false: a memory dataset, a validation error)
 */
public record BoundaryDataset(String dataset, String from, List<String> to, boolean persisted) {
    public BoundaryDataset {
        to = List.copyOf(to);
    }
}
