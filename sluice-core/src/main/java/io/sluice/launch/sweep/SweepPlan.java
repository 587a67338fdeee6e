package io.sluice.launch.sweep;

import io.sluice.config.Location;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets of a sweep entry, in grid order, and where each parameter path is written
 * (for the errors of the checks that need the session).
 *
 * @param paths  every parameter path, in the order the entry declares them
 * @param pathAt where each path is written, by path
 * @param sets   the parameter sets, in grid order
 */
record SweepPlan(List<String> paths, Map<String, Location> pathAt, List<ParamSet> sets) {
    SweepPlan {
        paths = List.copyOf(paths);
        pathAt = Map.copyOf(pathAt);
        sets = List.copyOf(sets);
    }
}
