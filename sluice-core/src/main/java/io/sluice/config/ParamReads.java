package io.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime params a project's configuration reads, recorded by the {@link Interpolator}s of
 * one load: the keys of {@code ${runtime_params:...}} interpolations (resolved while loading) and
 * of {@code ${run:...}} placeholders (kept for the catalog to resolve in each run), each with
 * where it is first written. A run can then tell a parameter override that the config consumes
 * from one that nothing reads. Kinds loaded later ({@link ProjectConfig#get}) add theirs, so
 * writes take a lock and publish a fresh unmodifiable copy; reads, which runs do, take none.
 */
final class ParamReads {
    private volatile Map<String, Location> atLoad = Map.of();
    private volatile Map<String, Location> perRun = Map.of();

    synchronized void atLoad(String key, Location at) {
        atLoad = with(atLoad, key, at);
    }

    synchronized void perRun(String key, Location at) {
        perRun = with(perRun, key, at);
    }

    Map<String, Location> atLoad() {
        return atLoad;
    }

    Map<String, Location> perRun() {
        return perRun;
    }

    /** {@code map} with {@code key} added unless present: the first place a key is written wins. */
    private static Map<String, Location> with(Map<String, Location> map, String key, Location at) {
        if (map.containsKey(key)) {
            return map;
        }
        Map<String, Location> copy = new LinkedHashMap<>(map);
        copy.put(key, at);
        return Collections.unmodifiableMap(copy);
    }
}
