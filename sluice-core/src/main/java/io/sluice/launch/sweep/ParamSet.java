package io.sluice.launch.sweep;

import java.util.Map;

/**
 * One parameter set of a sweep.
 *
 * @param index  its place in grid order, from 0
 * @param values the parameter overrides by dotted path, in the order the entry declares the paths
 */
record ParamSet(int index, Map<String, Object> values) {
    ParamSet {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** {@code model.alpha=0.1, model.depth=3}, for messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
