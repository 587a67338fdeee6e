package io.sluice.group;

import java.util.List;
import java.util.Map;

/**
 * What a strategy decided, before ids are made safe and the grouping is derived: group keys
 * (raw names, e.g. a namespace or a node name), each node's group ({@code -1} for none) and, for
 * strategies that allow it, the further groups of nodes in several.
 *
 * @param strategy what made it, for {@link Grouping#strategy()}
 * @param keys     the groups' raw names, by group index; distinct
 * @param primary  per node position, its group index or -1
 * @param extra    node position to further group indexes (usually empty)
 * @param safeKeys whether the keys are safe ids already (explicit ids): they are then not rewritten
 */
record Assignment(String strategy, List<String> keys, int[] primary, Map<Integer, int[]> extra, boolean safeKeys) {

    static Assignment partition(String strategy, List<String> keys, int[] primary) {
        return new Assignment(strategy, keys, primary, Map.of(), false);
    }

    boolean isPartition() {
        if (!extra.isEmpty()) {
            return false;
        }
        for (int g : primary) {
            if (g < 0) {
                return false;
            }
        }
        return true;
    }
}
