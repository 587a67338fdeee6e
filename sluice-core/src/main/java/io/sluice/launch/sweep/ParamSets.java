package io.sluice.launch.sweep;

import io.sluice.config.ConfigList;
import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigValue;
import io.sluice.config.Location;
import io.sluice.launch.LauncherConfig;
import io.sluice.runner.RunnerConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expands a sweep entry's {@code grid} and {@code sets} into its parameter sets, refusing what
 * needs no session to refuse: neither key, an empty grid or list of sets, a grid value that is not
 * a non-empty list, a set that is not a mapping, a malformed path, a path given twice or inside
 * another. Every problem is reported together, each at its {@code file:line:column}.
 */
final class ParamSets {
    /** Dotted names: segments of letters, digits, '_' and '-', no empty segment. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final String entry;
    private final List<String> errors = new ArrayList<>();
    private final Map<String, Location> pathAt = new LinkedHashMap<>();

    private ParamSets(String entry) {
        this.entry = entry;
    }

    /**
     * The plan of {@code config}.
     *
     * @throws RunnerConfigException listing every problem, one per line
     */
    static SweepPlan expand(LauncherConfig<SweepConfig> config) {
        ParamSets p = new ParamSets("launcher '" + config.name() + "' (sweep)");
        SweepConfig args = config.args();
        if (args.grid().isEmpty() && args.sets().isEmpty()) {
            throw new RunnerConfigException(config.location() + ": " + p.entry + " has no parameter sets. Add "
                    + "'grid: {model.alpha: [0.1, 1, 10]}' (every combination of the values) or "
                    + "'sets: [{model.alpha: 0.1}, {model.alpha: 1}]' (these sets as listed).");
        }
        List<Map<String, Object>> sets = args.sets().map(p::sets).orElse(List.of(Map.of()));
        List<Map<String, Object>> grid = args.grid().map(p::grid).orElse(List.of(Map.of()));
        p.refuseNested();
        if (!p.errors.isEmpty()) {
            throw new RunnerConfigException(String.join("\n", p.errors));
        }
        List<ParamSet> out = new ArrayList<>();
        for (Map<String, Object> set : sets) {
            for (Map<String, Object> point : grid) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (String path : p.pathAt.keySet()) { // declared order, whichever key it comes from
                    if (set.containsKey(path)) {
                        values.put(path, set.get(path));
                    } else if (point.containsKey(path)) {
                        values.put(path, point.get(path));
                    }
                }
                out.add(new ParamSet(out.size(), values));
            }
        }
        return new SweepPlan(new ArrayList<>(p.pathAt.keySet()), p.pathAt, out);
    }

    /** The cartesian product of the grid, keys in file order, the last one varying fastest. */
    private List<Map<String, Object>> grid(ConfigValue grid) {
        if (!(grid instanceof ConfigMap map) || map.keys().isEmpty()) {
            errors.add(grid.location() + ": " + entry + ": 'grid' expects a mapping of dotted parameter path to "
                    + "a list of values, e.g. 'grid: {model.alpha: [0.1, 1, 10]}'"
                    + (grid instanceof ConfigMap ? ", got an empty one." : ", got " + shown(grid) + "."));
            return List.of(Map.of());
        }
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(Map.of());
        for (String path : map.keys()) {
            ConfigValue values = map.get(path);
            if (!path(path, map.keyLocation(path), "grid")) {
                continue;
            }
            if (!(values instanceof ConfigList list) || list.items().isEmpty()) {
                errors.add(values.location() + ": " + entry + ": grid path '" + path + "' expects a non-empty list "
                        + "of values, got " + shown(values) + ". Write its values as a list, e.g. '" + path + ": ["
                        + (values instanceof ConfigList ? "0.1, 1" : shown(values)) + "]'.");
                continue;
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (ConfigValue v : list.items()) {
                    Map<String, Object> p = new LinkedHashMap<>(point);
                    p.put(path, v.unwrap());
                    next.add(p);
                }
            }
            points = next;
        }
        return points;
    }

    private List<Map<String, Object>> sets(ConfigValue sets) {
        if (!(sets instanceof ConfigList list) || list.items().isEmpty()) {
            errors.add(sets.location() + ": " + entry + ": 'sets' expects a list of mappings of dotted parameter "
                    + "path to value, e.g. 'sets: [{model.alpha: 0.1, model.depth: 3}, {model.alpha: 1}]'"
                    + (sets instanceof ConfigList ? ", got an empty list." : ", got " + shown(sets) + "."));
            return List.of(Map.of());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Location> fromSets = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConfigValue item = list.items().get(i);
            if (!(item instanceof ConfigMap map) || map.keys().isEmpty()) {
                errors.add(item.location() + ": " + entry + ": sets[" + i + "] expects a non-empty mapping of dotted "
                        + "parameter path to value, e.g. '{model.alpha: 0.1}', got " + shown(item) + ".");
                continue;
            }
            Map<String, Object> set = new LinkedHashMap<>();
            for (String path : map.keys()) {
                if (fromSets.containsKey(path) || path(path, map.keyLocation(path), "sets")) {
                    fromSets.putIfAbsent(path, map.keyLocation(path));
                    set.put(path, map.get(path).unwrap());
                }
            }
            out.add(set);
        }
        return out;
    }

    /** Records a path of {@code key}; false (with an error) when it is malformed or the grid already has it. */
    private boolean path(String path, Location at, String key) {
        if (!PATH.matcher(path).matches()) {
            errors.add(at + ": " + entry + ": '" + path + "' in " + key + " is not a dotted parameter path. Write "
                    + "the path as --params would, e.g. 'model_options.test_size'.");
            return false;
        }
        Location before = pathAt.putIfAbsent(path, at);
        if (before != null) {
            errors.add(at + ": " + entry + ": parameter path '" + path + "' is given twice (also at " + before
                    + "). Give each path once, in grid or in sets: the sets are crossed with the grid.");
            return false;
        }
        return true;
    }

    /** A path inside another ({@code model} and {@code model.alpha}) would be overlaid in no clear order. */
    private void refuseNested() {
        Set<String> paths = new LinkedHashSet<>(pathAt.keySet());
        for (String path : paths) {
            for (String other : paths) {
                if (other.startsWith(path + ".")) {
                    errors.add(pathAt.get(other) + ": " + entry + ": parameter path '" + other + "' lies inside '"
                            + path + "' (" + pathAt.get(path) + "), which the sweep also sets. Sweep one of them: "
                            + "give '" + path + "' whole values, or sweep its parts.");
                }
            }
        }
    }

    private static String shown(ConfigValue value) {
        if (value instanceof ConfigMap) {
            return "a mapping";
        }
        if (value instanceof ConfigList l) {
            return l.items().isEmpty() ? "an empty list" : "a list";
        }
        Object v = value.unwrap();
        return v == null ? "null" : v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
